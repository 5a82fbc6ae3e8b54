import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { ROLES, Role } from '@aftercare/kernel';
import { Caller, DEFAULT_PAGE_SIZE, PageQueryDto, Principal } from '@aftercare/platform';
import { ClaimWorklistQuery } from './claim-worklist.query';

export class ClaimWorklistQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: "default the caller's role; only admin and auditor may ask for another" })
  @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'ages are stated as of this instant (ISO 8601); default now' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

@ApiTags('claims')
@Controller('claims')
export class ClaimWorklistController {
  constructor(private readonly worklist: ClaimWorklistQuery) {}

  /** R-GC-2 / R-GW-2: the claim steps waiting for the caller's role, in the caller's scope, oldest first, with their age. */
  @Get('worklist')
  list(@Caller() caller: Principal, @Query() query: ClaimWorklistQueryDto) {
    return this.worklist.list(caller, { role: query.role, asOf: query.asOf ? new Date(query.asOf).toISOString() : undefined, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
  }
}
