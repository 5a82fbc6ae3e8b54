import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CARE_EVENT_KINDS, CareEventKind } from '../domain/care-event.events';

export const MAX_INVITED = 5000;

export class AnnounceCareEventDto {
  @ApiProperty({ enum: CARE_EVENT_KINDS }) @IsIn(CARE_EVENT_KINDS) kind!: CareEventKind;
  @ApiProperty({ example: 'Spring self-drive trip to Moganshan' }) @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @ApiProperty({ example: '2026-04-18T01:00:00.000Z' }) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiProperty({ type: [String], description: `the customers invited (at most ${MAX_INVITED})` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_INVITED) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(100, { each: true })
  customerIds!: string[];
  @ApiPropertyOptional({ description: "admin only; other roles announce for their token's dealer" })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) dealerId?: string;
}
