import { systemClock, type Clock, type Position } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { ReadStore } from '@aftercare/read-store';
import { firstMatchingAfter, lagMs, matchingLag } from './event-lag';
import { ProjectionCatalog, type ProjectionBuildDoc } from './projection-catalog';
import type { ProjectionStatus } from './projection-status';

export interface ProjectionMonitorOptions {
  eventStore: EventStore;
  /** Any connection to the read store; the monitor only reads `_projections`. */
  readStore: ReadStore;
  clock?: Clock;
  lagCountLimit?: number;
  /** How often waitForCatchUp reads the checkpoints again. Default 25 ms. */
  pollMs?: number;
}

/**
 * Projection status and read-your-writes for a process that does not run the
 * projections (the API replicas of the scale-out deployment), from the
 * checkpoints the runner commits with every batch. It cannot see whether the
 * runner is up: `state` is 'live' when nothing is left to apply.
 */
export class ProjectionMonitor {
  private readonly catalog: ProjectionCatalog;
  private readonly clock: Clock;
  private readonly lagCountLimit: number;
  private readonly pollMs: number;

  constructor(private readonly options: ProjectionMonitorOptions) {
    this.catalog = new ProjectionCatalog(options.readStore);
    this.clock = options.clock ?? systemClock;
    this.lagCountLimit = options.lagCountLimit ?? 10_000;
    this.pollMs = options.pollMs ?? 25;
  }

  async status(): Promise<ProjectionStatus[]> {
    const { eventStore } = this.options;
    const head = await eventStore.headPosition();
    const now = this.clock.now().getTime();
    const builds = await this.catalog.builds();
    const result: ProjectionStatus[] = [];
    for (const active of await this.catalog.allActive()) {
      const serving = builds.find((b) => b._id === active.buildId);
      if (!serving) continue;
      const building = builds.find((b) => b.name === active.name && b.state === 'building');
      const lag = await matchingLag(eventStore, serving.types, serving.position, head, this.lagCountLimit);
      result.push({
        name: active.name,
        version: serving.version,
        generation: serving.generation,
        position: serving.position,
        headPosition: head,
        lagEvents: lag.count,
        lagEventsExact: lag.exact,
        lagMs: lagMs(lag.oldest, now),
        parkedCount: serving.parkedCount,
        state: building ? 'rebuilding' : lag.count === 0 ? 'live' : 'catching_up',
        lastEventAt: serving.lastEventAt,
        eventsPerSecond: 0,
        frozen: false,
        rebuild: building
          ? {
              version: building.version,
              generation: building.generation,
              position: building.position,
              headPosition: head,
              progress: head <= 0 ? 1 : Math.min(1, building.position / head),
              eventsApplied: building.eventsApplied,
              eventsPerSecond: 0,
              parkedCount: building.parkedCount,
              startedAt: building.startedAt,
            }
          : null,
      });
    }
    return result;
  }

  /** Resolves when every serving build has applied every event of its types up to `position` (default: the head now). */
  async waitForCatchUp(position?: Position, options: { timeoutMs?: number } = {}): Promise<void> {
    const { eventStore } = this.options;
    const target = position ?? (await eventStore.headPosition());
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const lagging = await this.lagging(target);
      if (!lagging) return;
      if (Date.now() >= deadline) {
        throw new Error(`projection ${lagging.name} has not applied position ${target} (at ${lagging.position})`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  private async lagging(target: Position): Promise<ProjectionBuildDoc | null> {
    const builds = await this.catalog.builds();
    for (const active of await this.catalog.allActive()) {
      const serving = builds.find((b) => b._id === active.buildId);
      if (!serving || serving.position >= target) continue;
      if (await firstMatchingAfter(this.options.eventStore, serving.types, serving.position, target)) return serving;
    }
    return null;
  }
}
