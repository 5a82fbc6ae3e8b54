import type { NewEvent } from '@aftercare/kernel';
import type { AppendOptions, AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '@aftercare/event-store';
import type { Metrics } from './metrics';

/** The event store every command uses, timing appends for /metrics (event_store_append_duration_seconds). */
export class MeteredEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: Metrics,
  ) {}

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const end = this.metrics.eventAppendDuration.startTimer();
    try {
      return await this.inner.append(stream, events, options);
    } finally {
      end();
    }
  }
  readStream(stream: string, options?: ReadStreamOptions) {
    return this.inner.readStream(stream, options);
  }
  readAll(options?: ReadAllOptions) {
    return this.inner.readAll(options);
  }
  subscribe(options?: SubscribeOptions) {
    return this.inner.subscribe(options);
  }
  headPosition() {
    return this.inner.headPosition();
  }
  close() {
    return this.inner.close();
  }
}
