import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { READ_STORE, ReadStore } from '@aftercare/read-store';
import { PROJECTOR_READ_STORE } from './storage.tokens';

/**
 * Closes the stores last: Nest runs onApplicationShutdown after every
 * onModuleDestroy/beforeApplicationShutdown, where the projector stops its runners.
 */
@Injectable()
export class StorageLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Optional() @Inject(PROJECTOR_READ_STORE) private readonly projectorReads?: ReadStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.reads.close(), this.projectorReads?.close(), this.events.close()]);
  }
}
