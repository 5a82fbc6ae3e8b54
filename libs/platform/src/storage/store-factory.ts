import * as path from 'path';
import type { UpcasterRegistry } from '@aftercare/kernel';
import { EventStore, openEventStoreDb, SqliteEventStore } from '@aftercare/event-store';
import { ReadStore, SqliteReadStore } from '@aftercare/read-store';
import type { AppConfig } from '../config/app-config';
import { BusyRetryingReadStore } from './busy-retrying.read-store';
import { HashChainedEventStore } from './hash-chained.event-store';
import { KeyStore, PersonalDataDeclaration, PersonalDataEventStore, SqliteKeyStore } from '@aftercare/personal-data';

/** File names inside AFTERCARE_DATA_DIR for the embedded default. */
export const EVENTS_FILE = 'events.sqlite';
export const READ_MODELS_FILE = 'read-models.sqlite';
/** The per-person keys of personal data, apart from the events (docs/personal-data.md). */
export const KEYS_FILE = 'keys.sqlite';

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

/**
 * The key store of personal data (docs/personal-data.md): beside the read models,
 * never in the event store. Embedded: its own file `keys.sqlite`; with
 * AFTERCARE_READ_STORE=mongodb: the `personal_data_keys` collection of that
 * database. A KMS adapter of the KeyStore port would be chosen here.
 */
export async function openKeyStore(config: AppConfig): Promise<KeyStore> {
  if (config.readStore === 'mongodb') {
    const { MongoKeyStore } = await import('@aftercare/personal-data');
    return MongoKeyStore.connect({ url: config.mongodbUrl! });
  }
  return new SqliteKeyStore({ file: path.join(config.dataDir, KEYS_FILE) });
}

/**
 * The event store as commands, projections, reactions and queries use it: personal
 * fields sealed on append and opened (or `[erased]`) on read. `openEventStore`
 * alone gives the events as stored, ciphertext included (verification, export, import).
 */
export async function openProtectedEventStore(config: AppConfig, upcasters: UpcasterRegistry | undefined, personalData: PersonalDataDeclaration): Promise<PersonalDataEventStore> {
  const [events, keys] = await Promise.all([openEventStore(config, upcasters), openKeyStore(config)]);
  return new PersonalDataEventStore(events, keys, personalData.events, { erasureTypes: { ...(personalData.erasures ?? {}) } });
}
