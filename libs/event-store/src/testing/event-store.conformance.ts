import { uuidv7, type NewEvent, type RecordedEvent } from '@aftercare/kernel';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { EventStore, EventSubscription } from '../event-store.port';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup: () => Promise<void>;
}

/**
 * The one suite every EventStore adapter passes (ARCHITECTURE.md: one conformance
 * suite per port). It relies only on what the port promises: positions increase
 * but are not assumed contiguous. `factory` runs before every test and should give
 * an empty store; only the headPosition test needs it empty, as every other test
 * names its own streams, types and categories and ignores anything else in $all.
 *
 * When a filter names both types and categories, an event must match both.
 */
export function describeEventStoreConformance(adapterName: string, factory: () => Promise<EventStoreUnderTest>): void {
  describe(`EventStore conformance: ${adapterName}`, () => {
    let store: EventStore;
    let cleanup: (() => Promise<void>) | undefined;
    let tag: string;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
      tag = uniqueTag();
    });

    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    const stream = (category: string, id = 'one') => `${category}${tag}-${id}`;
    const category = (name: string) => `${name}${tag}`;
    const type = (name: string) => `${name}${tag}`;

    describe('append and readStream', () => {
      it('reads back an appended event with its full envelope, revision and position', async () => {
        const s = stream('complaint');
        const event = newEvent(type('ComplaintFiled'), {
          complaintId: 'c-1',
          text: 'Kühlmittel fehlt – 冷却液',
          tags: ['noise', 'brake'],
          amount: 12.5,
          nested: { ok: true, none: null },
        });
        event.metadata.hash = 'sha256:abc';
        event.metadata.causationId = uuidv7();

        const result = await store.append(s, [event], { expectedRevision: 'no_stream' });

        expect(result.nextRevision).toBe(0);
        expect(result.position).toBeGreaterThan(0);
        expect(await store.readStream(s)).toEqual([{ ...event, streamId: s, revision: 0, position: result.position }]);
      });

      it('appends a batch atomically, numbering revisions from 0 with increasing positions', async () => {
        const s = stream('complaint');
        const events = [1, 2, 3].map((n) => newEvent(type('Step'), { n }));

        const result = await store.append(s, events, { expectedRevision: 'no_stream' });
        const read = await store.readStream(s);

        expect(result.nextRevision).toBe(2);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read.map((e) => e.metadata.eventId)).toEqual(events.map((e) => e.metadata.eventId));
        expectIncreasing(read.map((e) => e.position));
        expect(read[2].position).toBe(result.position);
      });

      it('reads a missing stream as an empty list', async () => {
        expect(await store.readStream(stream('nothing'))).toEqual([]);
      });

      it('accepts an append expecting the revision the caller last saw', async () => {
        const s = stream('claim');
        const first = await store.append(s, [newEvent(type('A'))], { expectedRevision: 'no_stream' });
        const second = await store.append(s, [newEvent(type('B')), newEvent(type('C'))], { expectedRevision: first.nextRevision });

        expect(second.nextRevision).toBe(2);
        expect(second.position).toBeGreaterThan(first.position);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual([type('A'), type('B'), type('C')]);
      });

      it('accepts an append expecting any revision whether or not the stream exists', async () => {
        const s = stream('claim');
        await store.append(s, [newEvent(type('A'))], { expectedRevision: 'any' });
        const result = await store.append(s, [newEvent(type('B'))], { expectedRevision: 'any' });

        expect(result.nextRevision).toBe(1);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('rejects no_stream for an existing stream and writes nothing', async () => {
        const s = stream('claim');
        await store.append(s, [newEvent(type('A'))], { expectedRevision: 'no_stream' });
        const head = await store.headPosition();

        const attempt = store.append(s, [newEvent(type('B'))], { expectedRevision: 'no_stream' });

        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({ stream: s, expected: 'no_stream', actual: 0 });
        expect(await store.readStream(s)).toHaveLength(1);
        expect(await store.headPosition()).toBe(head);
      });

      it('rejects a stale expected revision with the actual one and writes nothing', async () => {
        const s = stream('claim');
        await store.append(s, [newEvent(type('A')), newEvent(type('B'))], { expectedRevision: 'no_stream' });
        const head = await store.headPosition();

        const attempt = store.append(s, [newEvent(type('C')), newEvent(type('D'))], { expectedRevision: 0 });

        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({ stream: s, expected: 0, actual: 1 });
        expect((await store.readStream(s)).map((e) => e.type)).toEqual([type('A'), type('B')]);
        expect(await store.headPosition()).toBe(head);
      });

      it('rejects an expected revision on a missing stream, reporting -1 as the actual revision', async () => {
        const s = stream('claim');
        const attempt = store.append(s, [newEvent(type('A'))], { expectedRevision: 0 });

        await expect(attempt).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: -1 });
        expect(await store.readStream(s)).toEqual([]);
      });

      it('treats a retried append of already stored event ids as a no-op returning the original result', async () => {
        const s = stream('callback');
        await store.append(s, [newEvent(type('Opened'))], { expectedRevision: 'no_stream' });
        const batch = [newEvent(type('Scheduled')), newEvent(type('Assigned'))];
        const original = await store.append(s, batch, { expectedRevision: 0 });
        const head = await store.headPosition();

        const retried = await store.append(s, batch, { expectedRevision: 0 });

        expect(retried).toEqual(original);
        expect(await store.readStream(s)).toHaveLength(3);
        expect(await store.headPosition()).toBe(head);
      });

      it('answers a retry with the original result even after the stream has moved on', async () => {
        const s = stream('callback');
        const batch = [newEvent(type('Opened'))];
        const original = await store.append(s, batch, { expectedRevision: 'no_stream' });
        await store.append(s, [newEvent(type('Closed'))], { expectedRevision: 0 });

        const retried = await store.append(s, batch, { expectedRevision: 'no_stream' });

        expect(retried).toEqual(original);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual([type('Opened'), type('Closed')]);
      });

      it('lets exactly one of several concurrent appends expecting the same revision win', async () => {
        const s = stream('complaint');
        await store.append(s, [newEvent(type('Filed'))], { expectedRevision: 'no_stream' });

        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.append(s, [newEvent(type('Noted'), { i })], { expectedRevision: 0 })),
        );

        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('reads a stream from a revision, backwards, and with a limit', async () => {
        const s = stream('visit');
        await store.append(
          s,
          Array.from({ length: 10 }, (_, n) => newEvent(type('Tick'), { n })),
          { expectedRevision: 'no_stream' },
        );
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(s, options)).map((e) => e.revision);

        expect(await revisions({ from: 7 })).toEqual([7, 8, 9]);
        expect(await revisions({ limit: 3 })).toEqual([0, 1, 2]);
        expect(await revisions({ from: 4, limit: 2 })).toEqual([4, 5]);
        expect(await revisions({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', from: 5, limit: 3 })).toEqual([5, 4, 3]);
        expect(await revisions({ direction: 'backwards', limit: 2 })).toEqual([9, 8]);
        expect(await revisions({ from: 10 })).toEqual([]);
      });
    });

    describe('readAll', () => {
      async function seed(): Promise<RecordedEvent[]> {
        // Interleaved across two categories and three types, one event per append.
        const plan: [string, string][] = [
          ['complaint', 'Filed'],
          ['callback', 'Scheduled'],
          ['complaint', 'Escalated'],
          ['callback', 'Filed'],
          ['complaint', 'Filed'],
          ['callback', 'Scheduled'],
          ['complaint', 'Escalated'],
          ['callback', 'Scheduled'],
        ];
        for (const [i, [cat, name]] of plan.entries()) {
          await store.append(stream(cat, String(i % 3)), [newEvent(type(name), { i })], { expectedRevision: 'any' });
        }
        const ours = await collectOurs(store.readAll(), tag);
        expect(ours).toHaveLength(plan.length);
        return ours;
      }

      it('reads every event once in increasing position order', async () => {
        const ours = await seed();
        expect(ours.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        expectIncreasing(ours.map((e) => e.position));
        const fromStreams = await Promise.all([...new Set(ours.map((e) => e.streamId))].map((s) => store.readStream(s)));
        expect(fromStreams.flat().sort(byPosition)).toEqual(ours);
      });

      it('reads backwards from the end', async () => {
        const ours = await seed();
        expect(await collectOurs(store.readAll({ direction: 'backwards' }), tag)).toEqual([...ours].reverse());
      });

      it('reads an inclusive range of positions forwards', async () => {
        const ours = await seed();
        const range = await collectOurs(store.readAll({ from: ours[2].position, to: ours[5].position }), tag);
        expect(range).toEqual(ours.slice(2, 6));
      });

      it('reads backwards from an inclusive position', async () => {
        const ours = await seed();
        const read = await collectOurs(store.readAll({ direction: 'backwards', from: ours[4].position }), tag);
        expect(read).toEqual(ours.slice(0, 5).reverse());
      });

      it('stops after the limit', async () => {
        const ours = await seed();
        const read = await collectOurs(store.readAll({ from: ours[0].position, limit: 3 }), tag);
        expect(read).toEqual(ours.slice(0, 3));
        const back = await collectOurs(store.readAll({ direction: 'backwards', from: ours[7].position, limit: 2 }), tag);
        expect(back).toEqual([ours[7], ours[6]]);
      });

      it('filters by event types, in position order', async () => {
        const ours = await seed();
        const read = await collect(store.readAll({ filter: { types: [type('Filed'), type('Escalated')] } }));
        expect(read).toEqual(ours.filter((e) => e.type === type('Filed') || e.type === type('Escalated')));
      });

      it('filters by stream categories, in position order', async () => {
        const ours = await seed();
        const read = await collect(store.readAll({ filter: { categories: [category('callback')] } }));
        expect(read).toEqual(ours.filter((e) => e.streamId.startsWith(`${category('callback')}-`)));
      });

      it('requires an event to match both the types and the categories when both are given', async () => {
        const ours = await seed();
        const read = await collect(store.readAll({ filter: { types: [type('Filed')], categories: [category('callback')] } }));
        expect(read).toEqual(ours.filter((e) => e.type === type('Filed') && e.streamId.startsWith(`${category('callback')}-`)));
        expect(read).toHaveLength(1);
      });

      it('matches nothing with an empty list of types or categories', async () => {
        await seed();
        expect(await collect(store.readAll({ filter: { types: [] } }))).toEqual([]);
        expect(await collect(store.readAll({ filter: { categories: [] } }))).toEqual([]);
      });

      it('filters backwards and within a range', async () => {
        const ours = await seed();
        const scheduled = ours.filter((e) => e.type === type('Scheduled'));
        const back = await collect(store.readAll({ direction: 'backwards', filter: { types: [type('Scheduled')] } }));
        expect(back).toEqual([...scheduled].reverse());
        const range = await collect(
          store.readAll({ from: ours[1].position + 1, to: ours[7].position - 1, filter: { types: [type('Scheduled')] } }),
        );
        expect(range).toEqual([ours[5]]);
      });
    });

    describe('headPosition', () => {
      it('is 0 for an empty store and the position of the last appended event afterwards', async () => {
        expect(await store.headPosition()).toBe(0);
        await store.append(stream('a'), [newEvent(type('A'))], { expectedRevision: 'no_stream' });
        const last = await store.append(stream('b'), [newEvent(type('B')), newEvent(type('C'))], { expectedRevision: 'no_stream' });
        expect(await store.headPosition()).toBe(last.position);
      });
    });

    describe('subscribe', () => {
      it('catches up from the start and then follows live appends', async () => {
        const s = stream('complaint');
        await store.append(s, [newEvent(type('A')), newEvent(type('B'))], { expectedRevision: 'no_stream' });
        const subscription = store.subscribe({ from: 0, filter: { categories: [category('complaint')] } });
        const received = drain(subscription, 4);
        await delay(50);
        await store.append(s, [newEvent(type('C'))], { expectedRevision: 1 });
        await store.append(s, [newEvent(type('D'))], { expectedRevision: 2 });

        const events = await received;

        expect(events.map((e) => e.type)).toEqual([type('A'), type('B'), type('C'), type('D')]);
        expect(events).toEqual(await store.readStream(s));
      });

      it('delivers every event exactly once in position order while appends race the catch-up', async () => {
        const streams = Array.from({ length: 25 }, (_, i) => stream('race', String(i)));
        const appendRound = (round: number) =>
          Promise.all(
            streams.map((s) => store.append(s, [newEvent(type('Tick'), { round })], { expectedRevision: round === 0 ? 'no_stream' : round - 1 })),
          );
        for (let round = 0; round < 4; round++) await appendRound(round);

        const subscription = store.subscribe({ from: 0, batchSize: 7 });
        const received = drain(subscription, 500, (e) => e.streamId.startsWith(`${category('race')}-`));
        // The remaining 400 land while the subscription catches up and then follows.
        for (let round = 4; round < 20; round++) await appendRound(round);

        const events = await received;

        expect(events).toHaveLength(500);
        expectIncreasing(events.map((e) => e.position));
        expect(new Set(events.map((e) => e.metadata.eventId)).size).toBe(500);
        const log = await collectOurs(store.readAll(), tag);
        expect(events).toEqual(log);
        for (const s of streams) {
          expect(events.filter((e) => e.streamId === s).map((e) => e.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i));
        }
      });

      it('delivers events appended concurrently from many writers exactly once', async () => {
        const subscription = store.subscribe({ filter: { categories: [category('burst')] } });
        const received = drain(subscription, 300);
        const appends = Array.from({ length: 300 }, (_, i) =>
          store.append(stream('burst', String(i % 30)), [newEvent(type('Burst'), { i })], { expectedRevision: 'any' }),
        );
        const results = await Promise.all(appends);

        const events = await received;

        expect(events.map((e) => e.position)).toEqual(results.map((r) => r.position).sort((a, b) => a - b));
      });

      it('starts at an inclusive position', async () => {
        const s = stream('visit');
        await store.append(s, [newEvent(type('A'))], { expectedRevision: 'no_stream' });
        const second = await store.append(s, [newEvent(type('B'))], { expectedRevision: 0 });
        await store.append(s, [newEvent(type('C'))], { expectedRevision: 1 });

        const events = await drain(store.subscribe({ from: second.position, filter: { categories: [category('visit')] } }), 2);

        expect(events.map((e) => e.type)).toEqual([type('B'), type('C')]);
      });

      it('delivers only events matching its filter, catching up and live', async () => {
        await store.append(stream('complaint'), [newEvent(type('Filed')), newEvent(type('Noted'))], { expectedRevision: 'no_stream' });
        await store.append(stream('callback'), [newEvent(type('Filed'))], { expectedRevision: 'no_stream' });
        const byType = drain(store.subscribe({ filter: { types: [type('Filed')] } }), 4);
        const byCategory = drain(store.subscribe({ filter: { categories: [category('complaint')] } }), 4);
        await delay(50);
        await store.append(stream('complaint'), [newEvent(type('Filed')), newEvent(type('Noted'))], { expectedRevision: 1 });
        await store.append(stream('callback'), [newEvent(type('Filed'))], { expectedRevision: 0 });

        const typed = await byType;
        const categorised = await byCategory;

        expect(typed.map((e) => `${e.streamId}:${e.revision}`)).toEqual([
          `${stream('complaint')}:0`,
          `${stream('callback')}:0`,
          `${stream('complaint')}:2`,
          `${stream('callback')}:1`,
        ]);
        expect(categorised.map((e) => `${e.type}:${e.revision}`)).toEqual([
          `${type('Filed')}:0`,
          `${type('Noted')}:1`,
          `${type('Filed')}:2`,
          `${type('Noted')}:3`,
        ]);
      });

      it('delivers events of types and categories first stored after it started', async () => {
        const byType = drain(store.subscribe({ filter: { types: [type('NeverSeenBefore')] } }), 2);
        const byCategory = drain(store.subscribe({ filter: { categories: [category('brandnew')] } }), 2);
        await delay(50);
        await store.append(stream('brandnew'), [newEvent(type('First'))], { expectedRevision: 'no_stream' });
        await store.append(stream('other'), [newEvent(type('NeverSeenBefore'))], { expectedRevision: 'no_stream' });
        await store.append(stream('brandnew'), [newEvent(type('NeverSeenBefore'))], { expectedRevision: 0 });

        expect((await byType).map((e) => e.streamId)).toEqual([stream('other'), stream('brandnew')]);
        expect((await byCategory).map((e) => e.type)).toEqual([type('First'), type('NeverSeenBefore')]);
      });

      it('yields batches no larger than batchSize that together hold every event in order', async () => {
        const s = stream('batch');
        await store.append(
          s,
          Array.from({ length: 23 }, (_, n) => newEvent(type('Tick'), { n })),
          { expectedRevision: 'no_stream' },
        );
        const subscription = store.subscribe({ filter: { categories: [category('batch')] }, batchSize: 5 });
        const batches: RecordedEvent[][] = [];
        for await (const batch of subscription.batches()) {
          batches.push(batch);
          if (batches.flat().length >= 23) break;
        }

        expect(batches.every((b) => b.length >= 1 && b.length <= 5)).toBe(true);
        expect(batches.flat().map((e) => e.data.n)).toEqual(Array.from({ length: 23 }, (_, n) => n));
      });

      it('ends a pending iteration cleanly when closed', async () => {
        const subscription = store.subscribe({ filter: { categories: [category('quiet')] } });
        const iterator = subscription[Symbol.asyncIterator]();
        const pending = iterator.next();
        await delay(50);

        await subscription.close();

        await expect(pending).resolves.toEqual(expect.objectContaining({ done: true }));
        await expect(iterator.next()).resolves.toEqual(expect.objectContaining({ done: true }));
      });

      it('ends a pending batch iteration cleanly when closed, and delivers nothing appended afterwards', async () => {
        const subscription = store.subscribe({ filter: { categories: [category('quiet')] } });
        const iterator = subscription.batches()[Symbol.asyncIterator]();
        const pending = iterator.next();
        await delay(50);

        await subscription.close();
        await store.append(stream('quiet'), [newEvent(type('Late'))], { expectedRevision: 'no_stream' });

        await expect(pending).resolves.toEqual(expect.objectContaining({ done: true }));
      });
    });
  });
}

/** Reads `expected` events (accepted by `keep`), then waits a little longer to catch any extra or repeated delivery. */
async function drain(
  subscription: EventSubscription,
  expected: number,
  keep: (event: RecordedEvent) => boolean = () => true,
  { settleMs = 150, timeoutMs = 20_000 } = {},
): Promise<RecordedEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  const events: RecordedEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  let settleUntil: number | undefined;
  let pending = iterator.next();
  for (;;) {
    const until = settleUntil ?? deadline;
    const outcome = await raceTimeout(pending, until - Date.now());
    if (outcome === TIMEOUT) break;
    if (outcome.done) break;
    if (keep(outcome.value)) events.push(outcome.value);
    pending = iterator.next();
    if (events.length >= expected && settleUntil === undefined) settleUntil = Date.now() + settleMs;
  }
  await subscription.close();
  const last = await pending;
  if (!last.done && keep(last.value)) events.push(last.value);
  return events;
}

const TIMEOUT = Symbol('timeout');

async function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, ms))));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

/** Events of this test only: names carry the test's tag, so a shared store's other events are ignored. */
async function collectOurs(iterable: AsyncIterable<RecordedEvent>, tag: string): Promise<RecordedEvent[]> {
  return (await collect(iterable)).filter((e) => e.type.endsWith(tag));
}

function newEvent(type: string, data: Record<string, unknown> = {}): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: uuidv7(),
      schemaVersion: 1,
      occurredAt: '2026-01-05T08:30:00.000Z',
      recordedAt: '2026-01-05T09:00:00.000Z',
      actor: { id: 'user-1', role: 'service_advisor', dealerId: 'dealer-1' },
      dealerId: 'dealer-1',
      correlationId: uuidv7(),
      causationId: null,
    },
  };
}

function uniqueTag(): string {
  return Math.random().toString(36).slice(2, 8).replace(/[^a-z0-9]/g, 'x');
}

function expectIncreasing(positions: number[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
}

function byPosition(a: RecordedEvent, b: RecordedEvent): number {
  return a.position - b.position;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
