import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { moneyProperty } from '../claim-body.dto';

export class RecordAdvancePaymentDto {
  @moneyProperty(2000) amount!: number;
  @ApiPropertyOptional({ example: '2026-03-10T10:00:00Z', description: 'when the dealer paid the customer (default: now); after the waiver was confirmed, not in the future' })
  @IsOptional() @IsISO8601({ strict: true }) paidAt?: string;
}
