import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Caller, Principal } from '@aftercare/platform';
import { CallbackReportQuery } from './callback-report.query';
import { DailySheetCsv } from './daily-sheet.csv';

export class CallbackReportQueryDto {
  @ApiPropertyOptional({ example: 'D1', description: "default: every dealer of the caller's scope" })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) dealerId?: string;
  @ApiProperty({ example: '2026-03-01', description: 'first due day counted (UTC)' }) @IsISO8601({ strict: true }) from!: string;
  @ApiProperty({ example: '2026-03-31', description: 'last due day counted (UTC, inclusive)' }) @IsISO8601({ strict: true }) to!: string;
}

export class DailySheetQueryDto {
  @ApiProperty({ example: 'D1' }) @IsString() @IsNotEmpty() @MaxLength(100) dealerId!: string;
  @ApiProperty({ example: '2026-03-12', description: 'the day (UTC)' }) @IsISO8601({ strict: true }) date!: string;
}

@ApiTags('callbacks')
@Controller('reports/callbacks')
export class CallbackReportController {
  constructor(
    private readonly reports: CallbackReportQuery,
    private readonly sheets: DailySheetCsv,
  ) {}

  /** R-CB-13: due, done, callbackRate, satisfactionRate, complaintRate per dealer and agent. */
  @Get()
  report(@Caller() caller: Principal, @Query() query: CallbackReportQueryDto) {
    return this.reports.report(caller, query);
  }

  /** R-CB-13: the day's callbacks collated, as CSV. */
  @Get('daily.csv')
  @ApiProduces('text/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  daily(@Caller() caller: Principal, @Query() query: DailySheetQueryDto) {
    return this.sheets.sheet(caller, query.dealerId, query.date);
  }
}
