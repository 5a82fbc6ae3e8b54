import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@aftercare/event-store';
import * as path from 'path';
import { APP_CONFIG, AppConfig, EVENTS_FILE, openEventStore } from '@aftercare/platform';
import { verifyHistory, VerifyProgress, VerifyResult } from './hash-chain.verifier';

/**
 * Verification reads events as they were stored: the host's event store upcasts
 * old schema versions on read, which would change what was sealed, so this opens
 * the store again without upcasters (on first use, kept for later calls).
 */
@Injectable()
export class VerifyHistoryService implements OnModuleDestroy {
  private raw: Promise<EventStore> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async verify(options: { streamId?: string; onProgress?: (p: VerifyProgress) => void | Promise<void>; signal?: { aborted: boolean } } = {}): Promise<VerifyResult> {
    this.raw ??= openEventStore(this.config);
    return verifyHistory(await this.raw, { ...options, sqliteFile: sqliteEventsFile(this.config) });
  }

  async onModuleDestroy(): Promise<void> {
    const raw = this.raw;
    this.raw = undefined;
    if (raw) await (await raw).close();
  }
}

/** The embedded store's file, verified on its stored bytes by worker threads; undefined on EventStoreDB. */
export function sqliteEventsFile(config: AppConfig): string | undefined {
  return config.eventStore === 'eventstoredb' ? undefined : path.join(config.dataDir, EVENTS_FILE);
}
