import { Controller, Get, Header, Inject, Optional, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Metrics } from './metrics';

/** The part of a projection's status readiness looks at (libs/projections ProjectionStatus). */
export interface ProjectionReadiness {
  name: string;
  state: string;
  lagEvents: number;
  lagMs: number;
  position: number;
  headPosition: number;
}

/** Where /ready learns how far the projections are: the in-process runner, or their checkpoints. */
export interface ProjectionStatusSource {
  status(): Promise<ProjectionReadiness[]>;
  /** Resolves once every projection (and, in-process, every reaction) has handled `position`. */
  waitForCatchUp?(position?: number, options?: { timeoutMs?: number }): Promise<void>;
}

export const PROJECTION_STATUS = Symbol('ProjectionStatusSource');

/**
 * How far behind the log a projection may be and still count as caught up. A
 * process that does not run the projector (an API replica) sees every projection
 * a few milliseconds behind while commands flow; without a tolerance its /ready
 * would flap under load. A backlog at start (events recorded long ago) or a
 * stalled projector exceeds it at once.
 */
export const READY_LAG_TOLERANCE_MS = 1_000;

export function isLagging(status: ProjectionReadiness): boolean {
  if (status.state === 'live' || status.state === 'rebuilding') return false;
  return status.state === 'stopped' || status.lagMs > READY_LAG_TOLERANCE_MS;
}

/** Operations endpoints (API.md: the only ones without a token; `public` in the authorization matrix). */
@ApiExcludeController()
@Controller()
export class OpsController {
  constructor(
    private readonly metrics: Metrics,
    @Optional() @Inject(PROJECTION_STATUS) private readonly projections?: ProjectionStatusSource,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Readiness: 200 only when every projection has caught up with the log; else 503 naming the lagging ones. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const statuses = this.projections ? await this.projections.status() : [];
    const lagging = statuses.filter(isLagging);
    reply.status(lagging.length ? 503 : 200);
    return {
      status: lagging.length ? 'catching_up' : 'ready',
      lagging: lagging.map(({ name, state, lagEvents, lagMs, position, headPosition }) => ({ name, state, lagEvents, lagMs, position, headPosition })),
      projections: statuses.length,
    };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape() {
    return this.metrics.registry.metrics();
  }
}
