import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ComplaintStepDto } from '../complaint-step.dto';

export class ProposeSolutionDto extends ComplaintStepDto {
  @ApiProperty({ example: 'Manager apologises, shows the real price list, explains the cause and discounts the repair.' }) @IsString() @IsNotEmpty() @MaxLength(5000) description!: string;
  @ApiPropertyOptional({ example: 400, description: 'CNY' }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(10_000_000) compensationAmount?: number;
}
