import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ReadModels } from '@aftercare/projections';
import { SegmentEvaluator } from './segment-evaluator';

export class EvaluateSegmentsDto {
  @ApiPropertyOptional({ description: 'only this dealer’s customers; default all', example: 'D1' })
  @IsOptional() @IsString() @MaxLength(100) dealerId?: string;
}

export class SegmentEvaluationView {
  @ApiProperty({ example: '2026-01-05T09:00:00.000Z' }) asOf!: string;
  @ApiProperty({ example: 1200 }) evaluated!: number;
  @ApiProperty({ example: 14, description: 'CustomerSegmentChanged appended' }) changed!: number;
  @ApiProperty({ example: 0, description: 'changes another run had already published' }) alreadyPublished!: number;
  @ApiProperty({ example: 0, description: 'streams that moved meanwhile; the next run takes them' }) conflicts!: number;
  @ApiProperty({ example: 85 }) ms!: number;
}

/** The on-demand R-SG-1 run (the daily one is the projector's worker); same evaluator, same exactly-once. */
@ApiTags('segments')
@Controller('segments')
export class EvaluateSegmentsController {
  private readonly evaluator: SegmentEvaluator;

  constructor(readModels: ReadModels, @Inject(EVENT_STORE) events: EventStore, @Inject(CLOCK) clock: Clock) {
    this.evaluator = new SegmentEvaluator(readModels, events, clock);
  }

  @Post('evaluations')
  @HttpCode(200)
  @ApiOkResponse({ type: SegmentEvaluationView })
  evaluate(@Body() body: EvaluateSegmentsDto) {
    return this.evaluator.evaluate({ dealerId: body?.dealerId });
  }
}
