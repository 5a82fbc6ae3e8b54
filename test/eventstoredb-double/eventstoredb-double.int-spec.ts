import { randomUUID } from 'crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Position,
} from '@eventstore/db-client';
import { startEventStoreDbDouble, type EventStoreDbDouble } from './eventstoredb-double';

/*
 * Pins, through the real client, the server behaviour the EventStoreDB adapter
 * relies on. With EVENTSTORE_URL set the same tests run against a real server,
 * which is how the double's model is checked against the real thing; the tests
 * that need the double's knobs (call counters, server features) run only on it.
 */

// jest 29 ignores `testTimeout` inside a project entry, so the integration project's 60 s does not apply.
jest.setTimeout(60_000);

const realServer = process.env.EVENTSTORE_URL;

describe(`EventStoreDB server behaviour (${realServer ? 'real server' : 'gRPC double'})`, () => {
  let double: EventStoreDbDouble | undefined;
  let client: EventStoreDBClient;
  let tag: string;

  beforeEach(async () => {
    double = realServer ? undefined : await startEventStoreDbDouble();
    client = EventStoreDBClient.connectionString(realServer ?? double!.url);
    tag = randomUUID().slice(0, 8);
  });

  afterEach(async () => {
    await client.dispose();
    await double?.stop();
  });

  const stream = (name: string) => `${name}${tag}-1`;
  const event = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ id: randomUUID(), type: `${type}${tag}`, data });

  async function ourEvents(iterable: AsyncIterable<AllStreamResolvedEvent>): Promise<{ type: string; position: bigint }[]> {
    const out: { type: string; position: bigint }[] = [];
    for await (const resolved of iterable) {
      if (resolved.event?.type.endsWith(tag)) out.push({ type: resolved.event.type, position: resolved.event.position!.commit });
    }
    return out;
  }

  async function appendThree(): Promise<bigint[]> {
    await client.appendToStream(stream('order'), [event('A', { pad: 'x' }), event('B', { pad: 'xxxxxxxxxx' }), event('C')]);
    return (await ourEvents(client.readAll())).map((e) => e.position);
  }

  const at = (p: bigint): Position => ({ commit: p, prepare: p });

  it('reports commit == prepare positions that are byte offsets: increasing, not contiguous, unevenly spaced', async () => {
    await appendThree();
    const records: { commit: bigint; prepare: bigint }[] = [];
    for await (const resolved of client.readAll()) {
      if (resolved.event?.type.endsWith(tag)) records.push(resolved.event.position!);
    }
    expect(records.every((p) => p.commit === p.prepare)).toBe(true);
    const gaps = records.slice(1).map((p, i) => p.commit - records[i].commit);
    expect(gaps.every((gap) => gap > 1n)).toBe(true);
    expect(new Set(gaps).size).toBeGreaterThan(1);
  });

  it('reads $all forwards from a record position inclusively and backwards exclusively', async () => {
    const [a, b, c] = await appendThree();
    expect((await ourEvents(client.readAll({ fromPosition: at(b) }))).map((e) => e.position)).toEqual([b, c]);
    expect((await ourEvents(client.readAll({ fromPosition: at(b), direction: BACKWARDS }))).map((e) => e.position)).toEqual([a]);
  });

  it('refuses to read $all from a position inside a record', async () => {
    const [a] = await appendThree();
    await expect(ourEvents(client.readAll({ fromPosition: at(a + 1n), maxCount: 1 }))).rejects.toThrow();
  });

  it('reads nothing, and fails nothing, forwards from past the last record', async () => {
    await appendThree();
    const [last] = await ourEvents(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    const after: AllStreamResolvedEvent[] = [];
    for await (const resolved of client.readAll({ fromPosition: at(last.position + 1n) })) after.push(resolved);
    expect(after).toEqual([]);
  });

  async function firstEvents(subscription: AllStreamSubscription, count: number): Promise<{ type: string; position: bigint }[]> {
    const out: { type: string; position: bigint }[] = [];
    for await (const resolved of subscription) {
      if (resolved.event?.type.endsWith(tag)) out.push({ type: resolved.event.type, position: resolved.event.position!.commit });
      if (out.length === count) break;
    }
    await subscription.unsubscribe();
    return out;
  }

  it('starts a $all subscription after its position (exclusive), catching up then going live', async () => {
    const [a, b, c] = await appendThree();
    const subscription = client.subscribeToAll({ fromPosition: at(a), filter: eventTypeFilter({ regex: `${tag}$` }) });
    const received = firstEvents(subscription, 3);
    await client.appendToStream(stream('order'), [event('D')]);
    const positions = (await received).map((e) => e.position);
    expect(positions.slice(0, 2)).toEqual([b, c]);
    expect(positions[2]).toBeGreaterThan(c);
  });

  it('goes live at once when subscribed from past the last record, even from inside no record', async () => {
    const [, , c] = await appendThree();
    const subscription = client.subscribeToAll({ fromPosition: at(c + 1n), filter: eventTypeFilter({ regex: `${tag}$` }) });
    await new Promise((resolve) => subscription.once('confirmation', resolve));
    await client.appendToStream(stream('order'), [event('D')]);
    expect((await firstEvents(subscription, 1)).map((e) => e.type)).toEqual([`D${tag}`]);
  });

  it('reports a missing stream as StreamNotFound', async () => {
    const read = async () => {
      for await (const _ of client.readStream(stream('missing'))) void _;
    };
    await expect(read()).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('rejects a stale expected revision with the current one, and no_stream on a missing stream as "no_stream"', async () => {
    await client.appendToStream(stream('claim'), [event('A'), event('B')], { expectedRevision: 'no_stream' });
    await expect(client.appendToStream(stream('claim'), [event('C')], { expectedRevision: 0n })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      expectedVersion: 0n,
      actualVersion: 1n,
    });
    await expect(client.appendToStream(stream('nothing'), [event('C')], { expectedRevision: 3n })).rejects.toMatchObject({
      actualVersion: 'no_stream',
    });
  });

  it('answers a retry with the same ids and the same expected revision with the original result', async () => {
    await client.appendToStream(stream('callback'), [event('Opened')], { expectedRevision: 'no_stream' });
    const batch = [event('Scheduled'), event('Assigned')];
    const original = await client.appendToStream(stream('callback'), batch, { expectedRevision: 0n });
    await client.appendToStream(stream('callback'), [event('Closed')], { expectedRevision: 2n });

    const retried = await client.appendToStream(stream('callback'), batch, { expectedRevision: 0n });

    expect(retried).toEqual(original);
  });

  it('writes the same ids again when the expected revision is the current one (no id check on that path)', async () => {
    const batch = [event('Opened')];
    await client.appendToStream(stream('callback'), batch, { expectedRevision: 'no_stream' });

    const again = await client.appendToStream(stream('callback'), batch, { expectedRevision: 0n });

    expect(again.nextExpectedRevision).toBe(1n);
  });

  it('recognises a retry by its ids under "any", and calls a partial retry a wrong expected version', async () => {
    const batch = [event('A'), event('B')];
    const original = await client.appendToStream(stream('any'), batch, { expectedRevision: 'any' });
    await client.appendToStream(stream('any'), [event('C')], { expectedRevision: 'any' });

    expect(await client.appendToStream(stream('any'), batch, { expectedRevision: 'any' })).toEqual(original);
    await expect(client.appendToStream(stream('any'), [batch[0], event('D')], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });

  it('rejects an event id that is not a UUID, writing nothing', async () => {
    const bad = { ...event('A'), id: 'not-a-uuid' };
    await expect(client.appendToStream(stream('bad'), [bad])).rejects.toThrow();
    const read = async () => {
      for await (const _ of client.readStream(stream('bad'))) void _;
    };
    await expect(read()).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('has system events of its own in $all, with $-prefixed types', async () => {
    let system = 0;
    for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS, maxCount: 50 })) {
      if (resolved.event?.type.startsWith('$')) system++;
    }
    expect(system).toBeGreaterThan(0);
  });

  if (!realServer) {
    it('serves appends over BatchAppend when it advertises it, and over Append otherwise', async () => {
      await client.appendToStream(stream('batch'), [event('A')]);
      expect(double!.calls['Streams.BatchAppend']).toBe(1);
      expect(double!.calls['Streams.Append']).toBeUndefined();

      const legacy = await startEventStoreDbDouble({ serverFeatures: false });
      const legacyClient = EventStoreDBClient.connectionString(legacy.url);
      try {
        await legacyClient.appendToStream(stream('batch'), [event('A')]);
        await legacyClient.appendToStream(stream('batch'), [event('B')]);
        expect(legacy.calls['Streams.Append']).toBe(2);
        expect(legacy.calls['Streams.BatchAppend']).toBeUndefined();
      } finally {
        await legacyClient.dispose();
        await legacy.stop();
      }
    });

    it('answers a retried append without its position when asked to behave like a pre-22 server', async () => {
      const legacy = await startEventStoreDbDouble({ idempotentAppendWithoutPosition: true });
      const legacyClient = EventStoreDBClient.connectionString(legacy.url);
      try {
        const batch = [event('A')];
        const original = await legacyClient.appendToStream(stream('old'), batch, { expectedRevision: 'no_stream' });
        const retried = await legacyClient.appendToStream(stream('old'), batch, { expectedRevision: 'no_stream' });
        expect(original.position).toBeDefined();
        expect(retried).toEqual({ ...original, position: undefined });
      } finally {
        await legacyClient.dispose();
        await legacy.stop();
      }
    });
  }
});
