import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { NotInFuture } from '@aftercare/platform';

export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{4,19}$/;

export class RegisterCustomerDto {
  @ApiProperty({ example: '王建国' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: '13800138000' }) @IsString() @Matches(PHONE_PATTERN, { message: 'phone must be 5 to 20 digits, optionally with +, spaces or dashes' }) phone!: string;
  @ApiPropertyOptional({ enum: ['male', 'female', 'other'] }) @IsOptional() @IsIn(['male', 'female', 'other']) gender?: 'male' | 'female' | 'other';
  @ApiPropertyOptional({ example: '1985-06-01' }) @IsOptional() @IsISO8601({ strict: true }) @NotInFuture() birthDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) nationalId?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) company?: string;
  @ApiPropertyOptional({ example: 'weekday evenings' }) @IsOptional() @IsString() @MaxLength(100) bestContactTime?: string;
  @ApiPropertyOptional({ description: "admin only; other roles register for their token's dealer" })
  @IsOptional() @IsString() @IsNotEmpty() dealerId?: string;
}
