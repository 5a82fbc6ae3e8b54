import type { ExpectedRevision } from './event-store.port';

/** Optimistic concurrency: someone appended to the stream since the caller read it. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${stream}: expected revision ${expected}, actual ${actual < 0 ? 'no stream' : actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Some, but not all, of an append's event ids are already in the stream. */
export class DuplicateEventIdError extends Error {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_ID';
  constructor(readonly stream: string, readonly eventId: string) {
    super(`stream ${stream}: event ${eventId} already stored with a different batch`);
    this.name = 'DuplicateEventIdError';
  }
}
