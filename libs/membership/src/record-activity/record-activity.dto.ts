import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MemberStepDto } from '../member-step.dto';

export class RecordActivityDto extends MemberStepDto {
  @ApiProperty({ example: 'self-drive-2026-05-moganshan', description: 'the club activity attended' }) @IsString() @IsNotEmpty() @MaxLength(100) activityId!: string;
}
