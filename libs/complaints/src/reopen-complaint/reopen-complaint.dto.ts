import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ComplaintStepDto } from '../complaint-step.dto';

export class ReopenComplaintDto extends ComplaintStepDto {
  @ApiProperty({ example: 'at the follow-up call the customer says the noise is back' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
