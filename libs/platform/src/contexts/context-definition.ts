import type { DynamicModule, Type } from '@nestjs/common';
import type { UpcasterRegistry } from '@aftercare/kernel';
import type { ProjectionDefinition, ReactionDefinition } from '@aftercare/projections';
import type { PersonalDataDeclaration } from '@aftercare/personal-data';

/**
 * A bounded context as the hosts see it (STYLE.md: each context exposes one
 * public module). Adding a context is one line in apps/api/src/contexts.ts.
 */
export interface ContextDefinition {
  name: string;
  /**
   * The context's Nest module for the API side: controllers, GraphQL resolvers,
   * command handlers, query services. Imported by the api and all-in-one hosts.
   */
  module: Type<unknown> | DynamicModule;
  /** Read models, run by the projector (apps/projector or the all-in-one host). */
  projections?: ProjectionDefinition[];
  /**
   * Process managers, run by the projector. Created from a Nest module context so
   * they can use the context's own services and the CommandRunner.
   */
  reactions?: ReactionFactory[];
  /**
   * Timed workers (deadline escalations, reminders that come due), run by the
   * projector host beside the reactions, never by API replicas.
   */
  workers?: WorkerFactory[];
  /** Schema-first GraphQL SDL; extend `Query` (`extend type Query { … }`), see libs/platform/README.md. */
  typeDefs?: string;
  /** Registers the context's event upcasters (old schema versions read as new). */
  upcasters?: (registry: UpcasterRegistry) => void;
  /**
   * The context's personal data: which fields of which events are sealed with the
   * subject's key, and which events erase a subject (docs/personal-data.md).
   */
  personalData?: PersonalDataDeclaration;
}

/** Resolves a reaction from providers of the projector host (e.g. CommandRunner, CLOCK, a context service). */
export type ReactionFactory = (get: <T>(token: Type<T> | string | symbol) => T) => ReactionDefinition;

/** A background job with a life: started after the runners, stopped before them. */
export interface BackgroundWorker {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
}

export type WorkerFactory = (get: <T>(token: Type<T> | string | symbol) => T) => BackgroundWorker;

export function defineContext(context: ContextDefinition): ContextDefinition {
  return context;
}

/**
 * A worker that looks on a timer (R-CP-3 escalation, points expiry, the daily
 * segment evaluation): start/stop with the host, and overlapping looks (the timer
 * and a test or an admin endpoint calling tick()) share the one in progress.
 */
export abstract class IntervalWorker<T> implements BackgroundWorker {
  abstract readonly name: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | null = null;

  protected constructor(
    private readonly everyMs: number,
    private readonly onTimerError: (err: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.onTimer().catch(this.onTimerError), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One look; overlapping calls share the one in progress. */
  tick(): Promise<T> {
    if (!this.running) this.running = this.runOnce().finally(() => (this.running = null));
    return this.running;
  }

  /** What the timer does; by default one look. */
  protected onTimer(): Promise<unknown> {
    return this.tick();
  }

  /** The work of one look. */
  protected abstract runOnce(): Promise<T>;
}
