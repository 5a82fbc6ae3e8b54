import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { BreakdownLineDto, moneyProperty } from '../claim-body.dto';

export class ReviseClaimDto {
  @moneyProperty(10000, 'goodwill compensation: the new total; goodwill warranty: the new approval-form amount') amount!: number;
  @ApiPropertyOptional({ example: 'CNY', description: 'default: the claim\'s currency' })
  @IsOptional() @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' }) currency?: string;
  @ApiPropertyOptional({ type: [BreakdownLineDto], description: 'goodwill compensation only (required there): direct costs adding up to amount' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => BreakdownLineDto) breakdown?: BreakdownLineDto[];
  @ApiPropertyOptional({ example: 'rental car removed as the regional manager asked' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}
