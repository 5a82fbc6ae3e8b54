import type { RecordedEvent } from '@aftercare/kernel';
import type { EventStore, EventSubscription } from '@aftercare/event-store';
import type { Collection, ReadStore } from '@aftercare/read-store';
import type { BackgroundWorker } from '@aftercare/platform';
import {
  AUDIT_TRAIL,
  AUDIT_TRAIL_CHECKPOINT_ID,
  AUDIT_TRAIL_CHECKPOINTS,
  AUDIT_TRAIL_INDEXES,
  AuditTrailDoc,
  trailId,
} from './audit-trail.document';

const BATCH_SIZE = 500;
const MAX_RETRY_DELAY_MS = 10_000;

export function toTrailDoc(event: RecordedEvent): AuditTrailDoc {
  const m = event.metadata;
  return {
    _id: trailId(event.position),
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    eventId: m.eventId,
    recordedAt: m.recordedAt,
    occurredAt: m.occurredAt,
    actorId: m.actor?.id ?? null,
    actorRole: m.actor?.role ?? null,
    dealerId: m.dealerId ?? null,
    correlationId: m.correlationId ?? null,
    causationId: m.causationId ?? null,
  };
}

/**
 * Keeps the `audit-trail` read model: every event of the log, whatever its type.
 * Not a projection, because a projection reads only the types it names and an
 * audit trail must not miss a type nobody thought to list. A document's `_id`
 * is its position and writes are upserts, so a batch applied twice (a crash
 * between the writes and the checkpoint on MongoDB) changes nothing; on SQLite
 * both commit in one transaction.
 */
export class AuditTrailWorker implements BackgroundWorker {
  readonly name = 'audit-trail';
  private subscription: EventSubscription | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private position = 0;
  private readonly trail: Collection<AuditTrailDoc>;
  private readonly checkpoints: Collection<{ _id: string; position: number }>;

  constructor(
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.trail = readStore.collection<AuditTrailDoc>(AUDIT_TRAIL);
    this.checkpoints = readStore.collection(AUDIT_TRAIL_CHECKPOINTS);
  }

  get checkpoint(): number {
    return this.position;
  }

  start(): void {
    this.stopping = false;
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.close();
    await this.running;
    this.running = undefined;
  }

  private async run(): Promise<void> {
    // In a transaction of its own: on a connection shared with the projection runner, a bare write would join the runner's.
    await this.readStore.transaction(async () => {
      for (const spec of AUDIT_TRAIL_INDEXES) await this.trail.createIndex(spec);
    });
    this.position = (await this.checkpoints.findOne({ _id: AUDIT_TRAIL_CHECKPOINT_ID }))?.position ?? 0;
    let delay = 100;
    while (!this.stopping) {
      try {
        this.subscription = this.events.subscribe({ from: this.position + 1, batchSize: BATCH_SIZE });
        for await (const batch of this.subscription.batches()) {
          await this.apply(batch.filter((e) => e.position > this.position));
          delay = 100;
          if (this.stopping) break;
        }
      } catch (error) {
        if (this.stopping) break;
        this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
      } finally {
        await this.subscription?.close().catch(() => undefined);
      }
    }
  }

  private async apply(batch: RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const last = batch[batch.length - 1].position;
    await this.readStore.transaction(async () => {
      for (const event of batch) {
        const doc = toTrailDoc(event);
        await this.trail.replaceOne({ _id: doc._id }, doc, { upsert: true });
      }
      await this.checkpoints.replaceOne({ _id: AUDIT_TRAIL_CHECKPOINT_ID }, { _id: AUDIT_TRAIL_CHECKPOINT_ID, position: last }, { upsert: true });
    });
    this.position = last;
  }
}
