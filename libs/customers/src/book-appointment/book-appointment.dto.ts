import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class BookAppointmentDto {
  @ApiProperty({ example: '2026-03-03T09:00:00+08:00' }) @IsISO8601({ strict: true }) scheduledFor!: string;
  @ApiProperty({ example: 'periodic maintenance' }) @IsString() @IsNotEmpty() @MaxLength(500) purpose!: string;
}
