import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class VerifyVehicleDto {
  @ApiProperty({ example: 'judder reproduced on a cold start; no accident damage' }) @IsString() @IsNotEmpty() @MaxLength(5000) findings!: string;
}
