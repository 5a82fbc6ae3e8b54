import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { moneyProperty } from '../claim-body.dto';

export class FillApprovalFormDto {
  @moneyProperty(4800, 'the repair cost the OEM is asked to bear') amount!: number;
  @ApiPropertyOptional({ example: 'CNY', default: 'CNY' })
  @IsOptional() @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' }) currency?: string;
}
