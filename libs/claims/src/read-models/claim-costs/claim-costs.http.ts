import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Caller, Principal } from '@aftercare/platform';
import { ClaimCostsQuery } from './claim-costs.query';

export class ClaimCostsQueryDto {
  @ApiPropertyOptional({ example: 'east', description: "default the caller's region (OEM roles); required for admin and auditor" })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) region?: string;
  @ApiProperty({ example: '2026-03' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month!: string;
}

@ApiTags('claims')
@Controller('claims')
export class ClaimCostsController {
  constructor(private readonly costs: ClaimCostsQuery) {}

  /** R-GC-3: goodwill compensation, goodwill warranty, and the per-vehicle claim cost that leaves goodwill compensation out. */
  @Get('costs')
  get(@Caller() caller: Principal, @Query() query: ClaimCostsQueryDto) {
    return this.costs.get(caller, { region: query.region, month: query.month });
  }
}
