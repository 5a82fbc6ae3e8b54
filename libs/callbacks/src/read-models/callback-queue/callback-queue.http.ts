import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CALLBACK_TYPES, CallbackType } from '@aftercare/kernel';
import { Caller, PageQueryDto, Principal } from '@aftercare/platform';
import { CallbackQueueQuery } from './callback-queue.query';

export class CallbackQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'only callbacks this agent holds or that are routed to them (R-CB-11)', example: 'agent-wu' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) agentId?: string;
  @ApiPropertyOptional({ enum: CALLBACK_TYPES }) @IsOptional() @IsIn(CALLBACK_TYPES) type?: CallbackType;
  @ApiPropertyOptional({ description: 'due on or before this instant (ISO 8601); default now' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
  @ApiPropertyOptional({ description: 'one dealer of the caller\'s scope; default all of them', example: 'D1' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) dealerId?: string;
}

@ApiTags('callbacks')
@Controller('callbacks')
export class CallbackQueueController {
  constructor(private readonly callbacks: CallbackQueueQuery) {}

  /** R-CB-11: the open callbacks due by asOf, by due date, then priority (complaint follow-ups and sensitive customers first). */
  @Get('queue')
  queue(@Caller() caller: Principal, @Query() query: CallbackQueueQueryDto) {
    return this.callbacks.queue(caller, {
      agentId: query.agentId,
      type: query.type,
      asOf: query.asOf ? new Date(query.asOf).toISOString() : undefined,
      dealerId: query.dealerId,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get(':id')
  get(@Caller() caller: Principal, @Param('id') id: string) {
    return this.callbacks.get(caller, id);
  }
}
