import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { NotBefore, NotInFuture } from '@aftercare/platform';

export class RegisterVehicleDto {
  @ApiProperty({ example: 'LSVAU2180N2183294', description: '17 characters, no I, O or Q; a failed check digit is flagged, not refused' })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-HJ-NPR-Z0-9]{17}$/, { message: 'vin must be 17 characters: digits and letters except I, O and Q' })
  vin!: string;
  @ApiProperty({ example: '沪A12345' }) @IsString() @IsNotEmpty() @MaxLength(20) plate!: string;
  @ApiProperty({ example: 'Lavida 1.5L' }) @IsString() @IsNotEmpty() @MaxLength(100) model!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) colour?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1950) @Max(2100) modelYear?: number;
  @ApiProperty({ example: '2025-03-01' }) @IsISO8601({ strict: true }) @NotInFuture() purchaseDate!: string;
  @ApiPropertyOptional({ enum: ['cash', 'loan', 'lease'] }) @IsOptional() @IsIn(['cash', 'loan', 'lease']) purchaseMethod?: 'cash' | 'loan' | 'lease';
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) price?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) salesperson?: string;
  @ApiProperty({ example: '2025-03-10' }) @IsISO8601({ strict: true }) @NotInFuture() @NotBefore('purchaseDate') deliveredAt!: string;
  @ApiProperty({ example: 24 }) @IsInt() @Min(0) @Max(240) warrantyMonths!: number;
  @ApiProperty({ example: 40000 }) @IsInt() @Min(0) @Max(2_000_000) warrantyKm!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) insurer?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) insuranceExpiry?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) firstServiceDueAt?: string;
}
