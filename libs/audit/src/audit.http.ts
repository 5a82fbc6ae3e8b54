import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Readable } from 'stream';
import { Caller, MAX_PAGE_SIZE, PageQueryDto, Principal } from '@aftercare/platform';
import { AsOfQuery } from './as-of/as-of.query';
import { AuditTrailQuery } from './audit-trail/audit-trail.query';
import { StreamHistoryQuery } from './stream-history/stream-history.query';
import { VerifyHistoryService } from './verify-history/verify-history.service';

export class StreamHistoryQueryDto {
  @ApiPropertyOptional({ description: 'first revision (0-based); the nextCursor of the previous page', example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export class AuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'recorded at or after (ISO 8601)', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ description: 'recorded at or before (ISO 8601)' })
  @IsOptional()
  @IsDateString()
  to?: string;

  @ApiPropertyOptional({ example: 'ComplaintEscalated' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  type?: string;

  @ApiPropertyOptional({ description: 'the token `sub` of who did it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actorId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  dealerId?: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'the instant (ISO 8601): events recorded at or before it count', example: '2026-01-05T09:00:00Z' })
  @IsDateString()
  at!: string;
}

export class VerifyQueryDto {
  @ApiPropertyOptional({ description: 'one stream; without it the whole log, answered as NDJSON progress lines then the result' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  streamId?: string;
}

/**
 * API.md "Audit and integration", for auditors (DOMAIN.md "Audit"). Unmarked, so
 * every role but integrator may read, within its scope: dealer roles their
 * dealer's history, OEM roles their region's, auditor and admin everything.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly streams: StreamHistoryQuery,
    private readonly trail: AuditTrailQuery,
    private readonly asOf: AsOfQuery,
    private readonly verifier: VerifyHistoryService,
  ) {}

  @Get('streams/:streamId/events')
  streamEvents(@Caller() caller: Principal, @Param('streamId') streamId: string, @Query() query: StreamHistoryQueryDto) {
    return this.streams.page(caller, streamId, query.from ?? 0, query.limit);
  }

  @Get('events')
  events(@Caller() caller: Principal, @Query() query: AuditEventsQueryDto) {
    return this.trail.page(caller, query);
  }

  @Get('verify')
  @ApiProduces('application/json', 'application/x-ndjson')
  @ApiOkResponse({ description: '{ ok, checked, unsealed, streams, lastPosition, firstBroken: { streamId, revision, position, expected, actual } | null }' })
  async verify(@Caller() caller: Principal, @Query() query: VerifyQueryDto, @Res() reply: FastifyReply): Promise<void> {
    if (query.streamId) await this.streams.assertCanRead(caller, query.streamId);
    else await this.streams.assertReadsEverything(caller, 'verifying the whole log takes a role that reads every dealer');
    if (query.streamId) {
      reply.send(await this.verifier.verify({ streamId: query.streamId }));
      return;
    }
    // The whole log can take minutes: progress lines keep the client informed and the connection alive.
    const signal = { aborted: false };
    reply.raw.on('close', () => (signal.aborted = true));
    const verifier = this.verifier;
    async function* lines() {
      const queued: string[] = [];
      let wake: (() => void) | undefined;
      let done = false;
      const run = verifier
        .verify({
          signal,
          onProgress: (progress) => {
            queued.push(JSON.stringify({ progress }) + '\n');
            wake?.();
          },
        })
        .then(
          (result) => queued.push(JSON.stringify({ result }) + '\n'),
          (error) => queued.push(JSON.stringify({ error: { code: 'INTERNAL', detail: String((error as Error)?.message ?? error) } }) + '\n'),
        )
        .finally(() => {
          done = true;
          wake?.();
        });
      while (!done || queued.length > 0) {
        if (queued.length > 0) yield queued.shift()!;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
      await run;
    }
    reply.header('content-type', 'application/x-ndjson').send(Readable.from(lines()));
  }

  @Get(':kind/:id/as-of')
  rebuild(@Caller() caller: Principal, @Param('kind') kind: string, @Param('id') id: string, @Query() query: AsOfQueryDto) {
    return this.asOf.asOf(caller, kind, id, new Date(query.at).toISOString());
  }
}
