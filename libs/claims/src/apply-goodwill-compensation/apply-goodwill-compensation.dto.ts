import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { BreakdownLineDto, moneyProperty } from '../claim-body.dto';

export class ApplyGoodwillCompensationDto {
  @ApiProperty({ example: '0193a1b2-…', description: 'the major complaint the compensation settles (R-CP-4)' })
  @IsString() @IsNotEmpty() @MaxLength(100) complaintId!: string;
  @moneyProperty(12000, 'the sum of the breakdown') amount!: number;
  @ApiProperty({ example: 'CNY' }) @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' }) currency!: string;
  @ApiProperty({ type: [BreakdownLineDto], description: 'direct costs only; the lines add up to amount' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => BreakdownLineDto) breakdown!: BreakdownLineDto[];
}
