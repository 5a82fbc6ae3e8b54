import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class AppointmentKeptDto {}

export class AppointmentMissedDto {
  @ApiPropertyOptional({ example: 'forgot; car is running fine' }) @IsOptional() @IsString() @MaxLength(1000) excuse?: string;
}
