import type { Position, RecordedEvent } from '@aftercare/kernel';
import type { Collection, Doc, ReadStore } from '@aftercare/read-store';
import { isDuplicateKey } from './store-errors';

/** Dead letters: events a projection or reaction gave up on, for an operator to inspect. */
export const PARKED_COLLECTION = '_parked';

export interface ParkedEventDoc extends Doc {
  kind: 'projection' | 'reaction';
  /** Projection or reaction name. */
  projection: string;
  /** Projection version and generation; 0 for reactions. */
  version: number;
  generation: number;
  /** The build (projection) or reaction whose checkpoint moved past the event. */
  owner: string;
  position: Position;
  streamId: string;
  type: string;
  eventId: string;
  attempts: number;
  error: { message: string; stack: string | null };
  at: string;
}

export interface ParkRequest {
  kind: ParkedEventDoc['kind'];
  projection: string;
  version: number;
  generation: number;
  owner: string;
  event: RecordedEvent;
  error: unknown;
  attempts: number;
  at: string;
}

export class ParkedEvents {
  private readonly docs: Collection<ParkedEventDoc>;

  constructor(readStore: ReadStore) {
    this.docs = readStore.collection<ParkedEventDoc>(PARKED_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.docs.createIndex({ fields: { owner: 1, position: 1 }, name: 'parked_by_owner' });
  }

  /**
   * Idempotent (the id is owner + position): parking again after a crash that
   * lost the checkpoint keeps the first record. Returns how many events the
   * owner has parked in all.
   */
  async park(request: ParkRequest): Promise<number> {
    const { event, error } = request;
    const doc: ParkedEventDoc = {
      _id: `${request.owner}:${event.position}`,
      kind: request.kind,
      projection: request.projection,
      version: request.version,
      generation: request.generation,
      owner: request.owner,
      position: event.position,
      streamId: event.streamId,
      type: event.type,
      eventId: event.metadata.eventId,
      attempts: request.attempts,
      error: describeError(error),
      at: request.at,
    };
    try {
      await this.docs.insertOne(doc);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    return this.docs.count({ owner: request.owner });
  }

  list(owner?: string): Promise<ParkedEventDoc[]> {
    return this.docs.find(owner === undefined ? {} : { owner }, { sort: { position: 1 } });
  }
}

function describeError(error: unknown): { message: string; stack: string | null } {
  if (error instanceof Error) return { message: error.message, stack: error.stack ?? null };
  return { message: String(error), stack: null };
}
