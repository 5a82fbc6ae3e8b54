/**
 * Runs critical sections one at a time, in call order. The runner's builds share
 * one read-store connection, and a sqlite transaction is per connection: two
 * builds' batches interleaving at an `await` would commit into each other.
 * Not reentrant: a section must not take the lock again.
 */
export class AsyncLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<R>(section: () => Promise<R>): Promise<R> {
    const result = this.tail.then(section);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
