import * as path from 'path';
import type { UpcasterRegistry } from '@aftercare/kernel';
import { EventStore, openEventStoreDb, SqliteEventStore } from '@aftercare/event-store';
import { ReadStore, SqliteReadStore } from '@aftercare/read-store';
import type { AppConfig } from '../config/app-config';
import { BusyRetryingReadStore } from './busy-retrying.read-store';
import { HashChainedEventStore } from './hash-chained.event-store';

/** File names inside AFTERCARE_DATA_DIR for the embedded default. */
export const EVENTS_FILE = 'events.sqlite';
export const READ_MODELS_FILE = 'read-models.sqlite';

/**
 * The composition root's one choice of adapters (ARCHITECTURE.md "Two deployments,
 * one code path"): everything else sees only the ports. Either adapter is wrapped
 * so every append is sealed into its stream's hash chain (docs/tamper-evidence.md).
 */
export async function openEventStore(config: AppConfig, upcasters?: UpcasterRegistry): Promise<EventStore> {
  if (config.eventStore === 'eventstoredb') {
    return new HashChainedEventStore(await openEventStoreDb({ url: config.eventStoreUrl!, upcasters }));
  }
  return new HashChainedEventStore(new SqliteEventStore({ file: path.join(config.dataDir, EVENTS_FILE), upcasters }));
}

/**
 * `queryWithProjector`: the query-side connection of a process that also runs the
 * projector on the same SQLite file (see BusyRetryingReadStore).
 */
export async function openReadStore(config: AppConfig, options: { queryWithProjector?: boolean } = {}): Promise<ReadStore> {
  if (config.readStore === 'mongodb') {
    const { MongoReadStore } = await import('@aftercare/read-store');
    return MongoReadStore.connect({ url: config.mongodbUrl! });
  }
  const file = path.join(config.dataDir, READ_MODELS_FILE);
  if (options.queryWithProjector) return new BusyRetryingReadStore(new SqliteReadStore({ file, busyTimeoutMs: 0 }));
  return new SqliteReadStore({ file });
}
