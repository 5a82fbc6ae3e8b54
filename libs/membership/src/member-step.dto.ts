import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { NotInFuture } from '@aftercare/platform';

/** API.md: facts that happened earlier carry occurredAt (not in the future, not before the enrolment); default now. */
export class MemberStepDto {
  @ApiPropertyOptional({ example: '2026-03-02T10:00:00Z', description: 'when it happened (business time); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @NotInFuture()
  occurredAt?: string;
}
