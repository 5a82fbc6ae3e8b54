import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MATERIAL_KINDS, MaterialKind } from '../domain/claim.events';

export class RequestMaterialsDto {
  @ApiProperty({ enum: MATERIAL_KINDS, isArray: true, example: ['invoice', 'settlement_statement'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MATERIAL_KINDS.length) @IsIn(MATERIAL_KINDS, { each: true }) kinds!: MaterialKind[];
  @ApiPropertyOptional({ example: 'include the court judgment of the district court' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
