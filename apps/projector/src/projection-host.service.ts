import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Logger } from 'pino';
import { CLOCK, Clock, Position, RecordedEvent } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import type { ReadStore } from '@aftercare/read-store';
import {
  ProjectionDefinition,
  ProjectionRunner,
  ReactionRunner,
  ReadModels,
  RunnerLogger,
} from '@aftercare/projections';
import { BackgroundWorker, HOST_OPTIONS, HostOptions, LOGGER, Metrics, PROJECTOR_READ_STORE, ProjectionReadiness, ProjectionStatusSource } from '@aftercare/platform';

/**
 * Runs every context's projections and reactions in this process (apps/projector,
 * or the all-in-one host): one ProjectionRunner and one ReactionRunner on the
 * projector's own read-store connection, sharing its lock.
 */
@Injectable()
export class ProjectionHost implements OnApplicationBootstrap, BeforeApplicationShutdown, ProjectionStatusSource {
  readonly projections: ProjectionRunner;
  readonly reactions: ReactionRunner;
  /** The contexts' timed workers (R-CP-3 escalation, …), by name. */
  readonly workers: ReadonlyMap<string, BackgroundWorker>;
  private stopFollowing: (() => void) | undefined;

  constructor(
    @Inject(HOST_OPTIONS) options: HostOptions,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTOR_READ_STORE) readStore: ReadStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(LOGGER) log: Logger,
    private readonly metrics: Metrics,
    private readonly readModels: ReadModels,
    moduleRef: ModuleRef,
  ) {
    const logger = runnerLoggerOf(log);
    const applyLag = metrics.histogram('projection_apply_lag_seconds', 'Time from an event being recorded to a projection applying it', ['projection'], [
      0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10,
    ]);
    const definitions = options.contexts.flatMap((c) => c.projections ?? []).map((d) => timed(d, applyLag));
    this.projections = new ProjectionRunner({ eventStore, readStore, projections: definitions, clock, logger });
    const get = <T>(token: unknown) => moduleRef.get<T>(token as never, { strict: false });
    this.reactions = new ReactionRunner({
      eventStore,
      readStore,
      lock: this.projections.lock,
      clock,
      logger,
      reactions: options.contexts.flatMap((c) => (c.reactions ?? []).map((factory) => factory(get))),
    });
    this.workers = new Map(options.contexts.flatMap((c) => (c.workers ?? []).map((factory) => factory(get))).map((w) => [w.name, w]));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopFollowing = this.readModels.follow(this.projections);
    this.metrics.gauge('projection_lag_events', 'Events of a projection\'s types not yet applied', ['projection'], async (set) => {
      for (const s of await this.status()) set({ projection: s.name }, s.lagEvents);
    });
    this.metrics.gauge('projection_lag_seconds', 'Age of the oldest event a projection has not applied', ['projection'], async (set) => {
      for (const s of await this.status()) set({ projection: s.name }, s.lagMs / 1000);
    });
    await this.projections.start();
    await this.reactions.start();
    for (const worker of this.workers.values()) worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopFollowing?.();
    await Promise.allSettled([...this.workers.values()].map((w) => w.stop()));
    await Promise.allSettled([this.reactions.stop(), this.projections.stop()]);
  }

  /** Projections and reactions, for /ready and the lag gauges. */
  async status(): Promise<ProjectionReadiness[]> {
    const [projections, reactions] = await Promise.all([this.projections.status(), this.reactions.status()]);
    return [...projections, ...reactions.map((r) => ({ ...r, name: `reaction:${r.name}` }))];
  }

  /**
   * Read your own writes: resolves once every projection and reaction has handled
   * `position`. Without a position, until the log is quiet: reactions append
   * events of their own, which projections then apply, so it waits again until
   * the head stops moving.
   */
  async waitForCatchUp(position?: Position, options: { timeoutMs?: number } = {}): Promise<void> {
    if (position !== undefined) {
      await this.projections.waitForCatchUp(position, options);
      await this.reactions.waitForCatchUp(position, options);
      // What reactions appended in answer to it (a visit's callbacks, an
      // escalation) is part of the command's visible effect: let the projections
      // apply it too, one causal step deep.
      const head = await this.eventStore.headPosition();
      if (head > position) await this.projections.waitForCatchUp(head, options);
      return;
    }
    for (;;) {
      const head = await this.eventStore.headPosition();
      await this.projections.waitForCatchUp(head, options);
      await this.reactions.waitForCatchUp(head, options);
      if ((await this.eventStore.headPosition()) === head) return;
    }
  }
}

/**
 * Observes recordedAt → applied for each event a projection handles live. Events
 * at or below a position already observed (a rebuild replaying history, a retried
 * batch) are not counted again: their age says nothing about current lag.
 */
function timed(definition: ProjectionDefinition, histogram: ReturnType<Metrics['histogram']>): ProjectionDefinition {
  let observedUpTo: Position = -1;
  const observe = (event: RecordedEvent) => {
    if (event.position <= observedUpTo) return;
    observedUpTo = event.position;
    const recorded = Date.parse(event.metadata.recordedAt);
    if (!Number.isNaN(recorded)) histogram.observe({ projection: definition.name }, Math.max(0, Date.now() - recorded) / 1000);
  };
  const handlers = Object.fromEntries(
    Object.entries(definition.handlers).map(([type, handler]) => [
      type,
      async (event: RecordedEvent, ctx: Parameters<typeof handler>[1]) => {
        await handler(event, ctx);
        observe(event);
      },
    ]),
  );
  return { ...definition, handlers };
}

function runnerLoggerOf(log: Logger): RunnerLogger {
  const child = log.child({ component: 'projector' });
  return {
    info: (message, fields) => child.info(fields ?? {}, message),
    warn: (message, fields) => child.warn(fields ?? {}, message),
    error: (message, fields) => child.error(fields ?? {}, message),
  };
}
