import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PHONE_PATTERN } from '../register-customer/register-customer.dto';

export class ChangeContactDetailsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(PHONE_PATTERN, { message: 'phone must be 5 to 20 digits, optionally with +, spaces or dashes' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) bestContactTime?: string;
}
