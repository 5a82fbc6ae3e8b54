import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ComplaintStepDto } from '../complaint-step.dto';

export class SendInterimReplyDto extends ComplaintStepDto {
  @ApiProperty({ example: 'The genuine blower is ordered; we will explain the price on Thursday.' }) @IsString() @IsNotEmpty() @MaxLength(2000) message!: string;
}
