import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ArchiveClaimDto {
  @ApiPropertyOptional({ example: 'filed under PL-2026-031' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}
