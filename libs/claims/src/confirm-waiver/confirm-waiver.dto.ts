import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ConfirmWaiverDto {
  @ApiPropertyOptional({ example: 'signed copy checked on site' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}
