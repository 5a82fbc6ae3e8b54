import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RecordInterestsDto {
  @ApiProperty({ example: ['self_drive', 'diy_class'], description: "the member's interests now (replaces the earlier list)" })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(60, { each: true })
  interests!: string[];
}
