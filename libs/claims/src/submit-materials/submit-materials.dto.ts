import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { MaterialDocumentDto } from '../claim-body.dto';

export class SubmitMaterialsDto {
  @ApiProperty({ type: [MaterialDocumentDto], description: 'at least one document of every kind requested' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MaterialDocumentDto) documents!: MaterialDocumentDto[];
}
