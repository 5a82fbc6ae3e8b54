import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ComplaintStepDto } from '../complaint-step.dto';

export class AcknowledgeComplaintDto extends ComplaintStepDto {
  @ApiProperty({ example: 'We are sorry for the wrong quote; the manager will call you by Wednesday.' }) @IsString() @IsNotEmpty() @MaxLength(2000) message!: string;
  @ApiProperty({ example: '2026-03-04T09:00:00Z', description: 'the committed reply-by date (R-CP-1); after the acknowledgement' }) @IsISO8601({ strict: true }) replyBy!: string;
}
