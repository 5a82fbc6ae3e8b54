import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SYSTEM_ACTOR, uuidv7, type NewEvent, type Position } from '@aftercare/kernel';
import { SqliteEventStore, type AppendResult } from '@aftercare/event-store';
import { SqliteReadStore, type ReadStore } from '@aftercare/read-store';

/**
 * Real embedded adapters in a temp dir: one event store and two read-store
 * connections to the same file, the runner's and the queries', as the app has.
 */
export interface ProjectionTestBed {
  dir: string;
  eventStore: SqliteEventStore;
  runnerStore: ReadStore;
  queryStore: ReadStore;
  readFile: string;
  /** Appends one event per call to `stream`; returns its position. */
  append(stream: string, type: string, data?: Record<string, unknown>, recordedAt?: string): Promise<Position>;
  appendMany(stream: string, events: NewEvent[]): Promise<AppendResult>;
  close(): Promise<void>;
}

export function newEvent(type: string, data: Record<string, unknown> = {}, recordedAt = new Date().toISOString()): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: uuidv7(),
      schemaVersion: 1,
      occurredAt: recordedAt,
      recordedAt,
      actor: SYSTEM_ACTOR,
      dealerId: typeof data.dealerId === 'string' ? data.dealerId : null,
      correlationId: uuidv7(),
      causationId: null,
    },
  };
}

export async function openProjectionTestBed(): Promise<ProjectionTestBed> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-projections-'));
  const eventStore = new SqliteEventStore({ file: path.join(dir, 'events.sqlite'), pollIntervalMs: 10 });
  const readFile = path.join(dir, 'read.sqlite');
  const runnerStore = new SqliteReadStore({ file: readFile });
  const queryStore = new SqliteReadStore({ file: readFile });
  return {
    dir,
    eventStore,
    runnerStore,
    queryStore,
    readFile,
    async append(stream, type, data = {}, recordedAt) {
      const result = await eventStore.append(stream, [newEvent(type, data, recordedAt)], { expectedRevision: 'any' });
      return result.position;
    },
    appendMany(stream, events) {
      return eventStore.append(stream, events, { expectedRevision: 'any' });
    },
    async close() {
      await queryStore.close();
      await runnerStore.close();
      await eventStore.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` holds, polling; for states with no event to await. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
