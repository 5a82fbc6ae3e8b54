import type { Collection, Doc, ReadStore } from '@aftercare/read-store';

const BUSY = /^SQLITE_(BUSY|LOCKED)/;
/** Longest total wait before a busy error reaches the caller (a 500). */
const MAX_WAIT_MS = 5_000;

/**
 * The query-side SQLite connection of a process that also runs the projector.
 * The projector's batch holds the file's write lock across awaits (BEGIN IMMEDIATE
 * … COMMIT); a write on this connection meanwhile (an Idempotency-Key record)
 * would make SQLite busy-wait synchronously, blocking the very event loop that
 * must run the projector's COMMIT: a deadlock until the busy timeout. So this
 * connection is opened with no busy timeout, and a busy answer is retried after
 * yielding to the event loop.
 */
export class BusyRetryingReadStore implements ReadStore {
  private readonly collections = new Map<string, Collection<Doc>>();

  constructor(private readonly inner: ReadStore) {}

  get supportsTransactions(): boolean {
    return this.inner.supportsTransactions;
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    let wrapped = this.collections.get(name);
    if (!wrapped) {
      const target = this.inner.collection<Doc>(name);
      wrapped = new Proxy(target, {
        get(obj, prop, receiver) {
          const value = Reflect.get(obj, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => retryWhileBusy(() => value.apply(obj, args));
        },
      });
      this.collections.set(name, wrapped);
    }
    return wrapped as unknown as Collection<T>;
  }

  listCollections(): Promise<string[]> {
    return retryWhileBusy(() => this.inner.listCollections());
  }

  transaction<R>(work: () => Promise<R>): Promise<R> {
    return this.inner.transaction(work);
  }

  scrub(): Promise<boolean> {
    return retryWhileBusy(() => this.inner.scrub?.() ?? Promise.resolve(false));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export async function retryWhileBusy<R>(operation: () => Promise<R>): Promise<R> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code !== 'string' || !BUSY.test(code) || Date.now() - started > MAX_WAIT_MS) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 1 << Math.min(attempt, 6))));
    }
  }
}
