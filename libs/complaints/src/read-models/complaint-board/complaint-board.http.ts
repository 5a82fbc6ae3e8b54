import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Caller, Principal } from '@aftercare/platform';
import { ComplaintBoardQuery } from './complaint-board.query';

export class ComplaintBoardQueryDto {
  @ApiProperty({ example: 'D1' }) @IsString() @IsNotEmpty() @MaxLength(100) dealerId!: string;
  @ApiPropertyOptional({ example: '2026-03-01', description: 'first day of intake counted (UTC); default 30 days before to' })
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-03-31', description: 'last day of intake counted (UTC, inclusive); default today' })
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'the instant overdue is judged at; default now' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintBoardController {
  constructor(private readonly boards: ComplaintBoardQuery) {}

  /** A dealer's complaints of a period: counts by status, subject, severity and root cause, overdue, time to resolve. */
  @Get('board')
  board(@Caller() caller: Principal, @Query() query: ComplaintBoardQueryDto) {
    return this.boards.board(caller, query.dealerId, {
      from: query.from,
      to: query.to,
      asOf: query.asOf ? new Date(query.asOf).toISOString() : undefined,
    });
  }
}
