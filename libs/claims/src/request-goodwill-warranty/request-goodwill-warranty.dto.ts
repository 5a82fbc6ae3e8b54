import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class RequestGoodwillWarrantyDto {
  @ApiProperty({ example: '0193a1b2-…', description: 'a sensitive customer (R-CF-2)' }) @IsString() @IsNotEmpty() @MaxLength(100) customerId!: string;
  @ApiProperty({ example: 'LSVAU2180N2183294', description: "the customer's vehicle, out of warranty by time or distance" })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-HJ-NPR-Z0-9]{17}$/, { message: 'vin must be 17 characters: digits and letters except I, O and Q' })
  vin!: string;
  @ApiProperty({ example: 'gearbox judders on cold starts' }) @IsString() @IsNotEmpty() @MaxLength(5000) failureDescription!: string;
}
