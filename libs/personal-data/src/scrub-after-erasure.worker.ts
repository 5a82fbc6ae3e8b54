import type { EventStore } from '@aftercare/event-store';
import type { ReadStore } from '@aftercare/read-store';
import { ProjectionCatalog, type ProjectionDefinition } from '@aftercare/projections';

export interface ScrubAfterErasureOptions {
  events: EventStore;
  /** The projector's read-store connection. */
  readStore: ReadStore;
  /** Event types that erase a subject. */
  erasureTypes: readonly string[];
  /** The deployment's projections: those handling an erasure type must have applied it first. */
  projections: readonly ProjectionDefinition[];
  pollMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Once every projection that applies an erasure has applied the latest one, asks
 * the read store to scrub its files (sqlite: WAL checkpointed into the file and
 * truncated), so the personal data the projection overwrote survives in no old
 * page of the WAL (docs/personal-data.md). Run by the projector host; cheap when
 * there is nothing new to scrub (one backwards read of the erasure types).
 */
export class ScrubAfterErasureWorker {
  readonly name = 'personal-data-scrub';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Position of the last erasure scrubbed after (in memory: scrubbing again after a restart is harmless). */
  private scrubbedUpTo = 0;
  private readonly catalog: ProjectionCatalog;

  constructor(private readonly options: ScrubAfterErasureOptions) {
    this.catalog = new ProjectionCatalog(options.readStore);
  }

  start(): void {
    this.stopping = false;
    if (!this.options.readStore.scrub) return; // nothing to scrub on this adapter
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One look; true when the read store was scrubbed. */
  async tick(): Promise<boolean> {
    let latest = 0;
    for await (const event of this.options.events.readAll({ direction: 'backwards', filter: { types: [...this.options.erasureTypes] }, limit: 1 })) {
      latest = event.position;
    }
    if (latest <= this.scrubbedUpTo) return false;
    const names = new Set(this.options.projections.filter((p) => this.options.erasureTypes.some((t) => p.handlers[t])).map((p) => p.name));
    const appliers = (await this.catalog.builds()).filter((b) => b.state !== 'retired' && names.has(b.name));
    if (appliers.some((b) => b.position < latest)) return false;
    if (!(await this.options.readStore.scrub!())) return false;
    this.scrubbedUpTo = latest;
    return true;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(
          () => undefined,
          (error) => this.options.onError?.(error),
        )
        .finally(() => this.schedule(this.options.pollMs ?? 500));
    }, delayMs);
    this.timer.unref?.();
  }
}
