import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { CLOCK, Clock } from '@aftercare/kernel';
import { Caller, DEFAULT_PAGE_SIZE, PageQueryDto, Principal } from '@aftercare/platform';
import { CustomerSegmentsQuery } from './customer-segments.query';

export class SegmentMembersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'members as of this instant (ISO 8601); default now', example: '2026-01-05T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

export class CustomerSegmentQueryDto {
  @ApiPropertyOptional({ description: 'as of this instant (ISO 8601); default now' })
  @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

@ApiTags('segments')
@Controller()
export class CustomerSegmentsController {
  constructor(
    private readonly segments: CustomerSegmentsQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** API.md: segment loyal|churned|vip; items customerId, name, reasons[], since (R-SG-2: the same history, the same answer for an asOf). */
  @Get('segments/:segment/customers')
  members(@Caller() caller: Principal, @Param('segment') segment: string, @Query() query: SegmentMembersQueryDto) {
    return this.segments.members(caller, segment, {
      asOf: this.instant(query.asOf),
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor ?? null,
    });
  }

  /** Not in API.md's table: one customer's segment as of an instant, with the signals that decided it. */
  @Get('customers/:id/segment')
  ofCustomer(@Caller() caller: Principal, @Param('id') id: string, @Query() query: CustomerSegmentQueryDto) {
    return this.segments.ofCustomer(caller, id, this.instant(query.asOf));
  }

  private instant(asOf?: string): string {
    return asOf ? new Date(asOf).toISOString() : this.clock.now().toISOString();
  }
}
