import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { Caller, DEFAULT_PAGE_SIZE, PageQueryDto, Principal } from '@aftercare/platform';
import { CLAIM_STATUSES, CLAIM_TYPES, ClaimStatus, ClaimType } from '../../domain/claim.flows';
import { ClaimDetailsQuery } from './claim-details.query';
import { ClaimViewDoc } from './claim-details.view';

export class ClaimAsOfDto {
  @ApiPropertyOptional({ description: 'the claim as it had been recorded at this instant (ISO 8601); default now' })
  @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

export class ListClaimsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CLAIM_TYPES }) @IsOptional() @IsIn(CLAIM_TYPES) type?: ClaimType;
  @ApiPropertyOptional({ enum: CLAIM_STATUSES }) @IsOptional() @IsIn(CLAIM_STATUSES) status?: ClaimStatus;
}

@ApiTags('claims')
@Controller('claims')
export class ClaimDetailsController {
  constructor(private readonly claims: ClaimDetailsQuery) {}

  /** With every step of the current round and the earlier rounds: who, role, when, comment, round and content hash. */
  @Get(':id')
  @ApiOkResponse({ type: ClaimViewDoc })
  get(@Caller() caller: Principal, @Param('id') id: string, @Query() query: ClaimAsOfDto) {
    return this.claims.get(caller, id, query.asOf ? new Date(query.asOf).toISOString() : undefined);
  }

  /** Dealer roles see their dealer's claims, OEM roles their region's; oldest first. */
  @Get()
  list(@Caller() caller: Principal, @Query() query: ListClaimsQueryDto) {
    return this.claims.list(caller, { type: query.type, status: query.status, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
  }
}
