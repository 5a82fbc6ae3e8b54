import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ComplaintStepDto } from '../complaint-step.dto';

export class AssignComplaintDto extends ComplaintStepDto {
  @ApiProperty({ example: 'tech-chen', description: 'the responsible person' }) @IsString() @IsNotEmpty() @MaxLength(100) assigneeId!: string;
  @ApiProperty({ example: '2026-03-06T18:00:00Z', description: 'the deadline set by the business supervisor (R-CP-3)' }) @IsISO8601({ strict: true }) deadline!: string;
}
