import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DomainError, type RecordedEvent } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import { Caller, Principal, ScopeService, SEALED_EVENT_STORE } from '@aftercare/platform';
import { toPublicEvent } from '../event-catalogue/public-events.catalogue';
import { eventTypesOf, visibleEvents } from './event-visibility';

/** SSE comment lines keep proxies from closing an idle stream (API.md: every 15 s). */
export const HEARTBEAT_MS = 'IntegrationHeartbeatMs';

export class EventStreamQueryDto {
  @ApiPropertyOptional({ description: 'first position to send (inclusive); Last-Event-ID wins when both are given', example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from?: number;

  @ApiPropertyOptional({ description: 'comma-separated public event types', example: 'ComplaintReceived,ComplaintEscalated' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  types?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  dealerId?: string;
}

/**
 * GET /events/stream (API.md "Audit and integration"): the public events of the
 * log as Server-Sent Events, in log order. Each event's `id` is its position, so
 * a client that reconnects with `Last-Event-ID` resumes right after the last one it
 * got: the store's catch-up subscription gives no gap and no duplicate.
 */
@ApiTags('integration')
@Controller('events')
export class EventStreamController {
  constructor(
    @Inject(SEALED_EVENT_STORE) private readonly events: EventStore,
    private readonly scope: ScopeService,
    @Inject(HEARTBEAT_MS) private readonly heartbeatMs: number,
  ) {}

  @Get('stream')
  @ApiProduces('text/event-stream')
  async stream(
    @Caller() caller: Principal,
    @Query() query: EventStreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const from = this.startOf(query, lastEventId);
    const types = this.typesOf(query.types);
    const visible = await this.visibility(caller, query.dealerId);

    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    out.write(': connected\n\n');
    const subscription = this.events.subscribe({ from, filter: { types }, batchSize: 500 });
    const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), this.heartbeatMs);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      void subscription.close();
    };
    out.on('close', close);
    try {
      for await (const batch of subscription.batches()) {
        let chunk = '';
        for (const event of batch) {
          if (!visible(event)) continue;
          const sent = toPublicEvent(event)!;
          chunk += `id: ${sent.id}\nevent: ${sent.type}\ndata: ${JSON.stringify(sent)}\n\n`;
        }
        // Backpressure: a slow client holds the subscription, not the process's memory.
        if (chunk && !out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve).once('close', resolve));
        if (closed) break;
      }
    } catch {
      // The client went away or the store closed: there is nobody left to tell.
    } finally {
      close();
      out.end();
    }
  }

  private startOf(query: EventStreamQueryDto, lastEventId: string | undefined): number {
    if (lastEventId !== undefined && lastEventId !== '') {
      if (!/^\d+$/.test(lastEventId)) throw DomainError.invalid('REQUEST.INVALID', 'Last-Event-ID must be a position', [{ field: 'Last-Event-ID', message: 'must be a position' }]);
      return Number(lastEventId) + 1;
    }
    return query.from ?? 0;
  }

  private typesOf(list: string | undefined): string[] {
    return eventTypesOf(list?.split(',').map((t) => t.trim()).filter(Boolean));
  }

  private visibility(caller: Principal, dealerId: string | undefined): Promise<(event: RecordedEvent) => boolean> {
    return visibleEvents(this.scope, caller, dealerId);
  }
}
