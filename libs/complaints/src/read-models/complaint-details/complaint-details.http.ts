import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Caller, DEFAULT_PAGE_SIZE, PageQueryDto, Principal } from '@aftercare/platform';
import { COMPLAINT_STATUSES, ComplaintStatus } from '../../domain/complaint.state';
import { ComplaintDetailsQuery } from './complaint-details.query';

export class ComplaintAsOfDto {
  @ApiPropertyOptional({ description: 'the complaint as it stood at this instant of business time (ISO 8601); default now' })
  @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

export class ListComplaintsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES, description: 'the status at asOf (default now)' }) @IsOptional() @IsIn(COMPLAINT_STATUSES) status?: ComplaintStatus;
  @ApiPropertyOptional({ description: 'true: only complaints with a deadline of R-CP-1/2/3 passed and unmet at asOf; false: only complaints with none' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'business time (ISO 8601), default now: only complaints received by then, each as it stood then' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) customerId?: string;
}

const iso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintDetailsController {
  constructor(private readonly complaints: ComplaintDetailsQuery) {}

  /** With its timeline and deadlines (each saying whether it is overdue at asOf). */
  @Get(':id')
  get(@Caller() caller: Principal, @Param('id') id: string, @Query() query: ComplaintAsOfDto) {
    return this.complaints.get(caller, id, iso(query.asOf));
  }

  /** Dealer roles see their dealer's complaints, OEM roles their region's; as of asOf (a page may be short while nextCursor is set). */
  @Get()
  list(@Caller() caller: Principal, @Query() query: ListComplaintsQueryDto) {
    return this.complaints.list(caller, {
      status: query.status,
      overdue: query.overdue,
      asOf: iso(query.asOf),
      customerId: query.customerId,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
  }
}
