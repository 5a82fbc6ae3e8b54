import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ComplaintStepDto } from '../complaint-step.dto';

export class EscalateComplaintDto extends ComplaintStepDto {
  @ApiProperty({ example: 'the customer threatens to go to the press' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
