import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ComplaintStepDto } from '../complaint-step.dto';

export class RejectSolutionDto extends ComplaintStepDto {
  @ApiProperty({ example: 'the discount is too small' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}
