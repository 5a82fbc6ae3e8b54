import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

export class RedeemPointsDto {
  @ApiProperty({ example: 500, description: 'whole points, at most the usable balance (R-MB-2)' }) @IsInt() @Min(1) @Max(100_000_000) points!: number;
  @ApiProperty({ example: 'car care kit' }) @IsString() @IsNotEmpty() @MaxLength(200) reward!: string;
}
