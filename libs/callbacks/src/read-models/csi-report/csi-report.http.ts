import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Caller, Principal } from '@aftercare/platform';
import { CsiReportQuery } from './csi-report.query';

export class CsiReportQueryDto {
  @ApiPropertyOptional({ example: 'D1' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) dealerId?: string;
  @ApiPropertyOptional({ example: 'sa-li' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) advisorId?: string;
  @ApiProperty({ example: '2026-01-01', description: 'first month counted is the month of this day' }) @IsISO8601({ strict: true }) from!: string;
  @ApiProperty({ example: '2026-03-31', description: 'last month counted is the month of this day' }) @IsISO8601({ strict: true }) to!: string;
}

@ApiTags('callbacks')
@Controller('reports/csi')
export class CsiReportController {
  constructor(private readonly reports: CsiReportQuery) {}

  /** DOMAIN.md "Satisfaction index": weighted CSI and factor means per dealer, advisor and month, with praise (R-CP-7). */
  @Get()
  report(@Caller() caller: Principal, @Query() query: CsiReportQueryDto) {
    return this.reports.report(caller, query);
  }
}
