import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RecordReferralDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) referredCustomerId!: string;
}
