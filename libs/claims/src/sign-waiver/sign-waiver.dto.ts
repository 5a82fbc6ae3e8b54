import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SignWaiverDto {
  @ApiProperty({ example: 'DMS-WAIVER-0042', description: 'where the signed waiver is kept' }) @IsString() @IsNotEmpty() @MaxLength(500) documentRef!: string;
  @ApiProperty({ example: '2026-03-10T08:00:00Z', description: 'when the dealer and the customer signed; not in the future' }) @IsISO8601({ strict: true }) signedAt!: string;
}
