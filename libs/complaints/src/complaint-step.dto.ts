import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** API.md: facts that happened earlier carry occurredAt (not in the future, not before the previous step); default now. */
export class ComplaintStepDto {
  @ApiPropertyOptional({ example: '2026-03-02T10:00:00Z', description: 'when the step happened (business time); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
