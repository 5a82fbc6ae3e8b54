import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALLBACK_TYPES, CallbackType } from '@aftercare/kernel';

export class ScheduleCallbackDto {
  @ApiProperty({ example: '0193a1b2-…' }) @IsString() @IsNotEmpty() @MaxLength(100) customerId!: string;
  @ApiPropertyOptional({ example: 'LSVAU2180N2183294', description: 'must be registered to the customer' })
  @IsOptional() @IsString() @Matches(/^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$/, { message: 'vin must be 17 characters without I, O or Q' }) vin?: string;
  @ApiProperty({ enum: CALLBACK_TYPES, example: 'manual' }) @IsIn(CALLBACK_TYPES) type!: CallbackType;
  @ApiProperty({ example: '2026-03-12T09:00:00.000Z' }) @IsISO8601({ strict: true }) dueAt!: string;
  @ApiPropertyOptional({ example: 'asked to be called back after 6 pm' }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}
