import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class NotifyClaimResultDto {
  @ApiPropertyOptional({ example: 'approved for 4,800 yuan; tell the dealer' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}
