import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class AssessFailureDto {
  @ApiProperty({ example: true, description: 'the failure is a quality problem' }) @IsBoolean() qualityIssue!: boolean;
  @ApiProperty({ example: false, description: 'the damage came from a natural disaster (excluded, R-GW-1)' }) @IsBoolean() naturalDisaster!: boolean;
  @ApiProperty({ example: 'clutch pack defect, known batch' }) @IsString() @IsNotEmpty() @MaxLength(5000) findings!: string;
}
