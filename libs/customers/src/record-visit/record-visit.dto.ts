import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { VISIT_TYPE_NAMES, VisitType } from '../domain/visit-types';

export class RecordVisitDto {
  @ApiPropertyOptional({ description: 'when the visit happened (business time); default now; never in the future' })
  @IsOptional() @IsISO8601({ strict: true }) occurredAt?: string;
  @ApiProperty({ example: 12500 }) @IsInt() @Min(0) @Max(5_000_000) odometerKm!: number;
  @ApiProperty({ enum: VISIT_TYPE_NAMES }) @IsIn(VISIT_TYPE_NAMES) type!: VisitType;
  @ApiProperty({ example: 680, description: 'amount paid (CNY); counts toward spend only for customer-paid visit types' })
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(10_000_000) amount!: number;
  @ApiProperty({ example: 'sa-li' }) @IsString() @IsNotEmpty() @MaxLength(100) advisorId!: string;
}
