import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ComplaintStepDto } from '../complaint-step.dto';

export class ResolveComplaintDto extends ComplaintStepDto {
  @ApiProperty({ example: 'Blower replaced at a discount; internal notice and training on quoting.' }) @IsString() @IsNotEmpty() @MaxLength(5000) summary!: string;
}
