import { randomUUID } from 'crypto';
import { UpcasterRegistry, type NewEvent, type RecordedEvent } from '@aftercare/kernel';
import { startEventStoreDbDouble, type EventStoreDbDouble, type EventStoreDbDoubleOptions } from '../../../../test/eventstoredb-double';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type { EventSubscription } from '../event-store.port';
import { describeEventStoreConformance } from '../testing/event-store.conformance';
import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store';

/*
 * Against a real EventStoreDB when EVENTSTORE_URL is set (e.g.
 * esdb://localhost:2113?tls=false), otherwise against the in-process gRPC double
 * (test/eventstoredb-double), one fresh double per test. Tests that need the
 * double's knobs (server features, system events on demand, stopping the
 * server) always run on a double.
 */

// jest 29 ignores `testTimeout` inside a project entry (jest.config.js warns "Unknown option"),
// so the integration project's 60 s does not apply; the gRPC round trips need more than 5 s.
jest.setTimeout(60_000);

const realServer = process.env.EVENTSTORE_URL;

interface Harness {
  store: EventStoreDbEventStore;
  double: EventStoreDbDouble | undefined;
  cleanup: () => Promise<void>;
}

async function openOnDouble(
  doubleOptions: EventStoreDbDoubleOptions = {},
  storeOptions: Omit<EventStoreDbEventStoreOptions, 'url'> = {},
): Promise<Harness> {
  const double = await startEventStoreDbDouble(doubleOptions);
  const store = new EventStoreDbEventStore({ ...storeOptions, url: double.url });
  return {
    store,
    double,
    cleanup: async () => {
      await store.close();
      await double.stop();
    },
  };
}

async function openOnTarget(storeOptions: Omit<EventStoreDbEventStoreOptions, 'url'> = {}): Promise<Harness> {
  if (!realServer) return openOnDouble({}, storeOptions);
  const store = new EventStoreDbEventStore({ ...storeOptions, url: realServer });
  return { store, double: undefined, cleanup: () => store.close() };
}

describeEventStoreConformance(realServer ? 'eventstoredb (real server)' : 'eventstoredb (double, BatchAppend)', openOnTarget);

if (!realServer) {
  // Servers before 21.10 have no BatchAppend; the client then sends one Append call per append.
  describeEventStoreConformance('eventstoredb (double, Append)', () => openOnDouble({ serverFeatures: false }));
}

describe('EventStoreDbEventStore', () => {
  let harness: Harness | undefined;
  let tag: string;

  beforeEach(() => {
    tag = randomUUID().slice(0, 8).replace(/-/g, '');
  });

  afterEach(async () => {
    await harness?.cleanup();
    harness = undefined;
  });

  async function open(opener: () => Promise<Harness> = () => openOnTarget()): Promise<EventStoreDbEventStore> {
    harness = await opener();
    return harness.store;
  }

  const stream = (name: string, id = '1') => `${name}${tag}-${id}`;
  const category = (name: string) => `${name}${tag}`;
  const type = (name: string) => `${name}${tag}`;
  const ours = (events: RecordedEvent[]) => events.filter((e) => e.type.endsWith(tag));

  describe('retried appends', () => {
    it('answers a retry under "any" with the original result', async () => {
      const store = await open();
      const batch = [newEvent(type('A')), newEvent(type('B'))];
      const original = await store.append(stream('any'), batch, { expectedRevision: 'any' });
      await store.append(stream('any'), [newEvent(type('C'))], { expectedRevision: 'any' });

      expect(await store.append(stream('any'), batch, { expectedRevision: 'any' })).toEqual(original);
      expect(await store.readStream(stream('any'))).toHaveLength(3);
    });

    it('rejects a retry that repeats only part of a stored batch with DuplicateEventIdError, writing nothing', async () => {
      const store = await open();
      const stored = newEvent(type('A'));
      await store.append(stream('part'), [stored, newEvent(type('B'))], { expectedRevision: 'no_stream' });

      await expect(store.append(stream('part'), [stored, newEvent(type('C'))], { expectedRevision: 'any' })).rejects.toMatchObject({
        constructor: DuplicateEventIdError,
        eventId: stored.metadata.eventId,
      });
      await expect(store.append(stream('part'), [stored, newEvent(type('C'))], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(await store.readStream(stream('part'))).toHaveLength(2);
    });

    it('rejects an event id repeated within one append, writing nothing', async () => {
      const store = await open();
      const event = newEvent(type('A'));
      const twice = { ...event, metadata: { ...event.metadata, eventId: event.metadata.eventId.toUpperCase() } };

      await expect(store.append(stream('dup'), [event, twice], { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(stream('dup'))).toEqual([]);
    });

    it('refuses an event id that is not a UUID before sending anything', async () => {
      const store = await open();
      const event = newEvent(type('A'));
      const bad = { ...event, metadata: { ...event.metadata, eventId: 'order-42' } };

      await expect(store.append(stream('bad'), [bad], { expectedRevision: 'any' })).rejects.toThrow(/not a UUID/);
    });

    it('looks up the position of a retried append when the server answers without it (servers before 22.x)', async () => {
      const store = await open(() => openOnDouble({ idempotentAppendWithoutPosition: true }));
      const batch = [newEvent(type('A')), newEvent(type('B'))];
      const original = await store.append(stream('old'), batch, { expectedRevision: 'no_stream' });

      expect(await store.append(stream('old'), batch, { expectedRevision: 'no_stream' })).toEqual(original);
    });

    it('checks the expected revision of an append of no events and reports where the stream is', async () => {
      const store = await open();
      expect(await store.append(stream('empty'), [], { expectedRevision: 'no_stream' })).toEqual({ nextRevision: -1, position: 0 });
      const written = await store.append(stream('empty'), [newEvent(type('A'))], { expectedRevision: 'no_stream' });

      expect(await store.append(stream('empty'), [], { expectedRevision: 0 })).toEqual(written);
      await expect(store.append(stream('empty'), [], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
        constructor: WrongExpectedRevisionError,
        actual: 0,
      });
    });
  });

  describe('positions that are byte offsets', () => {
    /** Three events a, b, c with head = c; positions are asserted to have gaps, or the tests would prove nothing. */
    async function seedThree(store: EventStoreDbEventStore): Promise<RecordedEvent[]> {
      for (const name of ['A', 'B', 'C']) {
        await store.append(stream('pos'), [newEvent(type(name), { pad: name.repeat(7) })], { expectedRevision: 'any' });
      }
      const events = await store.readStream(stream('pos'));
      expect(events[1].position - events[0].position).toBeGreaterThan(2);
      expect(events[2].position - events[1].position).toBeGreaterThan(2);
      return events;
    }

    async function readFrom(store: EventStoreDbEventStore, from: number, direction: 'forwards' | 'backwards' = 'forwards') {
      const events: RecordedEvent[] = [];
      for await (const event of store.readAll({ from, direction, filter: { categories: [category('pos')] } })) events.push(event);
      return events.map((e) => e.type);
    }

    it('reads $all forwards from an event, from one past it, from inside a record and from past the head', async () => {
      const store = await open();
      const [a, b] = await seedThree(store);

      expect(await readFrom(store, b.position)).toEqual([type('B'), type('C')]);
      // "checkpoint + 1", the way a consumer resumes.
      expect(await readFrom(store, a.position + 1)).toEqual([type('B'), type('C')]);
      // Neither an event nor one past it: the server cannot start there, the adapter still can.
      expect(await readFrom(store, a.position + 2)).toEqual([type('B'), type('C')]);
      expect(await readFrom(store, (await store.headPosition()) + 1)).toEqual([]);
    });

    it('reads $all backwards from an event, from one past it and from inside a record', async () => {
      const store = await open();
      const [a, b] = await seedThree(store);

      expect(await readFrom(store, b.position, 'backwards')).toEqual([type('B'), type('A')]);
      expect(await readFrom(store, b.position + 1, 'backwards')).toEqual([type('B'), type('A')]);
      expect(await readFrom(store, a.position + 2, 'backwards')).toEqual([type('A')]);
    });

    it('subscribes inclusively from an event, from one past it, from inside a record and from past the head', async () => {
      const store = await open();
      const [a, b, c] = await seedThree(store);
      const head = await store.headPosition();
      const subscribe = (from: number) => store.subscribe({ from, filter: { categories: [category('pos')] } });
      const starts = {
        atEvent: subscribe(b.position),
        checkpointPlusOne: subscribe(a.position + 1),
        insideRecord: subscribe(a.position + 2),
        pastHead: subscribe(head + 1),
        atHead: subscribe(c.position),
      };
      await store.append(stream('pos'), [newEvent(type('D'))], { expectedRevision: 2 });

      expect(await take(starts.atEvent, 3)).toEqual([type('B'), type('C'), type('D')]);
      expect(await take(starts.checkpointPlusOne, 3)).toEqual([type('B'), type('C'), type('D')]);
      expect(await take(starts.insideRecord, 3)).toEqual([type('B'), type('C'), type('D')]);
      expect(await take(starts.pastHead, 1)).toEqual([type('D')]);
      expect(await take(starts.atHead, 2)).toEqual([type('C'), type('D')]);
    });
  });

  describe('subscriptions', () => {
    it("skips the server's own system events, in a subscription and in headPosition", async () => {
      const store = await open(() => openOnDouble());
      const double = harness!.double!;
      const subscription = store.subscribe();
      const first = await store.append(stream('sys'), [newEvent(type('A'))], { expectedRevision: 'no_stream' });
      double.writeSystemEvent();
      await store.append(stream('sys'), [newEvent(type('B'))], { expectedRevision: 0 });
      double.writeSystemEvent();

      expect(await take(subscription, 2, () => true)).toEqual([type('A'), type('B')]);
      const [second] = await store.readStream(stream('sys'), { from: 1 });
      expect(await store.headPosition()).toBe(second.position);
      expect(second.position).toBeGreaterThan(first.position);
    });

    it('fails the iteration when the server goes away instead of waiting forever', async () => {
      const store = await open(() => openOnDouble());
      const subscription = store.subscribe({ filter: { categories: [category('gone')] } });
      await store.append(stream('gone'), [newEvent(type('A'))], { expectedRevision: 'no_stream' });
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toMatchObject({ type: type('A') });
      const pending = iterator.next();

      await harness!.double!.stop();

      await expect(pending).rejects.toThrow();
    });

    it('ends open subscriptions when the store closes', async () => {
      const store = await open();
      const subscription = store.subscribe({ filter: { categories: [category('quiet')] } });
      const pending = subscription[Symbol.asyncIterator]().next();

      await store.close();

      await expect(pending).resolves.toMatchObject({ done: true });
      expect(() => store.subscribe()).toThrow('event store is closed');
    });
  });

  it('upcasts old schema versions on every read path', async () => {
    const upcasters = new UpcasterRegistry().register(type('Visit'), 1, (data) => ({ ...data, mileageKm: data.mileage }));
    const store = await open(() => openOnTarget({ upcasters }));
    const subscription = store.subscribe({ filter: { types: [type('Visit')] } });
    await store.append(stream('visit'), [newEvent(type('Visit'), { mileage: 12_000 })], { expectedRevision: 'no_stream' });
    const upcast = { data: { mileage: 12_000, mileageKm: 12_000 }, metadata: expect.objectContaining({ schemaVersion: 2 }) };

    expect(await store.readStream(stream('visit'))).toEqual([expect.objectContaining(upcast)]);
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll({ filter: { types: [type('Visit')] } })) all.push(event);
    expect(ours(all)).toEqual([expect.objectContaining(upcast)]);
    const [delivered] = await takeEvents(subscription, 1);
    expect(delivered).toEqual(expect.objectContaining(upcast));
  });

  async function takeEvents(subscription: EventSubscription, count: number, keep = (e: RecordedEvent) => e.type.endsWith(tag)) {
    const events: RecordedEvent[] = [];
    for await (const event of subscription) {
      if (keep(event)) events.push(event);
      if (events.length === count) break;
    }
    return events;
  }

  async function take(subscription: EventSubscription, count: number, keep?: (e: RecordedEvent) => boolean): Promise<string[]> {
    return (await takeEvents(subscription, count, keep)).map((e) => e.type);
  }
});

function newEvent(type: string, data: Record<string, unknown> = {}): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      schemaVersion: 1,
      occurredAt: '2026-01-05T08:30:00.000Z',
      recordedAt: '2026-01-05T09:00:00.000Z',
      actor: { id: 'user-1', role: 'service_advisor', dealerId: 'dealer-1' },
      dealerId: 'dealer-1',
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}
