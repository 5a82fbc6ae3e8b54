import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UpcasterRegistry, uuidv7, type NewEvent, type RecordedEvent } from '@aftercare/kernel';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import { describeEventStoreConformance } from '../testing/event-store.conformance';
import { SqliteEventStore } from './sqlite-event-store';

const dirs: string[] = [];

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-events-'));
  dirs.push(dir);
  // A subdirectory that does not exist yet: the store creates it.
  return path.join(dir, 'data', 'events.sqlite');
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeEventStoreConformance('sqlite', async () => {
  const store = new SqliteEventStore({ file: tempFile() });
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore', () => {
  let file: string;
  let store: SqliteEventStore;
  const opened: SqliteEventStore[] = [];

  function open(options: { upcasters?: UpcasterRegistry } = {}): SqliteEventStore {
    const s = new SqliteEventStore({ file, pollIntervalMs: 20, ...options });
    opened.push(s);
    return s;
  }

  beforeEach(() => {
    file = tempFile();
    store = open();
  });

  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });

  it('creates the data directory and a write-ahead-logged database file', () => {
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
  });

  it('commits appends made in the same turn as one transaction', async () => {
    const before = store.stats.commits;

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.append(`group-${i}`, [event('Made', { i })], { expectedRevision: 'no_stream' })),
    );

    expect(store.stats.commits - before).toBe(1);
    expect(new Set(results.map((r) => r.position)).size).toBe(200);
    for (let i = 0; i < 200; i++) expect((await store.readStream(`group-${i}`)).map((e) => e.data.i)).toEqual([i]);
  });

  it('fails a stale append alone while the rest of its group commits', async () => {
    await store.append('claim-1', [event('Opened')], { expectedRevision: 'no_stream' });
    const before = store.stats.commits;

    const outcomes = await Promise.allSettled([
      store.append('claim-1', [event('Approved')], { expectedRevision: 0 }),
      store.append('claim-2', [event('Opened')], { expectedRevision: 'no_stream' }),
      store.append('claim-1', [event('Rejected')], { expectedRevision: 0 }),
      store.append('claim-3', [event('Opened'), event('Noted')], { expectedRevision: 'no_stream' }),
    ]);

    expect(store.stats.commits - before).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readStream('claim-1')).map((e) => e.type)).toEqual(['Opened', 'Approved']);
    expect(await store.readStream('claim-3')).toHaveLength(2);
  });

  it('checks an append against earlier appends of its own group to the same stream', async () => {
    const outcomes = await Promise.allSettled([
      store.append('visit-1', [event('A')], { expectedRevision: 'no_stream' }),
      store.append('visit-1', [event('B')], { expectedRevision: 0 }),
      store.append('visit-1', [event('C'), event('D')], { expectedRevision: 1 }),
      store.append('visit-1', [event('E')], { expectedRevision: 'no_stream' }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((await store.readStream('visit-1')).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('answers a retry inside the same group as the original with the original result', async () => {
    const batch = [event('A'), event('B')];
    const [first, retry] = await Promise.all([
      store.append('order-1', batch, { expectedRevision: 'no_stream' }),
      store.append('order-1', batch, { expectedRevision: 'no_stream' }),
    ]);

    expect(retry).toEqual(first);
    expect(await store.readStream('order-1')).toHaveLength(2);
  });

  it('answers a retry expecting any revision with the original result', async () => {
    const batch = [event('A')];
    const first = await store.append('order-2', batch, { expectedRevision: 'any' });
    await store.append('order-2', [event('B')], { expectedRevision: 'any' });

    expect(await store.append('order-2', batch, { expectedRevision: 'any' })).toEqual(first);
    expect(await store.readStream('order-2')).toHaveLength(2);
  });

  it('rejects a batch whose event ids are only partly stored, writing none of it', async () => {
    const stored = event('A');
    await store.append('order-3', [stored], { expectedRevision: 'no_stream' });

    const attempt = store.append('order-3', [event('B'), stored], { expectedRevision: 0 });

    await expect(attempt).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(attempt).rejects.toMatchObject({ stream: 'order-3', eventId: stored.metadata.eventId });
    expect(await store.readStream('order-3')).toHaveLength(1);
  });

  it('rejects a batch repeating an event id', async () => {
    const twice = event('A');
    await expect(store.append('order-4', [twice, twice], { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream('order-4')).toEqual([]);
  });

  it('answers an append of no events with the current state after checking the revision', async () => {
    expect(await store.append('empty-1', [], { expectedRevision: 'no_stream' })).toEqual({ nextRevision: -1, position: 0 });
    const written = await store.append('empty-1', [event('A'), event('B')], { expectedRevision: 'no_stream' });
    const head = await store.headPosition();

    expect(await store.append('empty-1', [], { expectedRevision: 1 })).toEqual(written);
    await expect(store.append('empty-1', [], { expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.headPosition()).toBe(head);
  });

  it('rejects malformed appends before queueing them', async () => {
    await expect(store.append('', [event('A')], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
    await expect(store.append('x-1', [event('A')], { expectedRevision: -1 })).rejects.toThrow(TypeError);
    const noId = event('A');
    noId.metadata.eventId = '';
    await expect(store.append('x-1', [noId], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
  });

  it('keeps everything across close and reopen, and continues revisions and positions', async () => {
    const first = await store.append('complaint-9', [event('Filed', { text: 'rattle' })], { expectedRevision: 'no_stream' });
    await store.close();

    const reopened = open();
    const read = await reopened.readStream('complaint-9');
    const next = await reopened.append('complaint-9', [event('Resolved')], { expectedRevision: 0 });

    expect(read).toEqual([expect.objectContaining({ type: 'Filed', data: { text: 'rattle' }, position: first.position })]);
    expect(next).toEqual({ nextRevision: 1, position: expect.any(Number) });
    expect(next.position).toBeGreaterThan(first.position);
    await expect(reopened.append('complaint-9', [event('Again')], { expectedRevision: 0 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });

  it('refuses, in the file itself, a second event at a revision a stream already has', async () => {
    await store.append('complaint-77', [event('Filed')], { expectedRevision: 'no_stream' });
    await store.close();
    const raw = new Database(file);
    try {
      const row = raw.prepare(`SELECT * FROM events WHERE stream_id = 'complaint-77'`).get() as Record<string, unknown>;
      const copy: Record<string, unknown> = { ...row, position: null, event_id: uuidv7() };
      const columns = Object.keys(copy);
      expect(() =>
        raw.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => copy[c])),
      ).toThrow(/UNIQUE constraint failed: events.stream_id, events.revision/);
    } finally {
      raw.close();
    }
  });

  it('upgrades a database of the first layout in place, keeping every event readable and filterable', async () => {
    await store.close();
    const v1File = path.join(path.dirname(file), 'v1.sqlite');
    writeFirstLayout(v1File, [
      ['complaint-1', 'ComplaintFiled'],
      ['callback-1', 'CallbackScheduled'],
      ['complaint-1', 'ComplaintEscalated'],
      ['complaint-2', 'ComplaintFiled'],
    ]);

    const upgraded = new SqliteEventStore({ file: v1File });
    opened.push(upgraded);

    expect((await upgraded.readStream('complaint-1')).map((e) => [e.revision, e.type, e.position])).toEqual([
      [0, 'ComplaintFiled', 1],
      [1, 'ComplaintEscalated', 3],
    ]);
    const filed = await collect(upgraded.readAll({ filter: { types: ['ComplaintFiled'] } }));
    expect(filed.map((e) => e.position)).toEqual([1, 4]);
    const next = await upgraded.append('complaint-1', [event('ComplaintClosed')], { expectedRevision: 1 });
    expect(next).toEqual({ nextRevision: 2, position: 5 });
    const complaints = await collect(upgraded.readAll({ filter: { categories: ['complaint'] } }));
    expect(complaints.map((e) => e.type)).toEqual(['ComplaintFiled', 'ComplaintEscalated', 'ComplaintFiled', 'ComplaintClosed']);
    await upgraded.close();
    const reopened = new SqliteEventStore({ file: v1File });
    opened.push(reopened);
    expect(await reopened.readStream('complaint-1', { direction: 'backwards', limit: 1 })).toEqual([
      expect.objectContaining({ type: 'ComplaintClosed', position: 5 }),
    ]);
  });

  it('commits appends accepted before close', async () => {
    const pending = store.append('late-1', [event('A')], { expectedRevision: 'no_stream' });
    await store.close();

    await expect(pending).resolves.toEqual({ nextRevision: 0, position: 1 });
    await expect(store.append('late-1', [event('B')], { expectedRevision: 0 })).rejects.toThrow('closed');
    expect(await open().readStream('late-1')).toHaveLength(1);
  });

  it('lets a subscription on another instance see appends by polling the file', async () => {
    const other = open();
    const events: RecordedEvent[] = [];
    const subscription = other.subscribe({ filter: { categories: ['remote'] } });
    const consumed = (async () => {
      for await (const e of subscription) {
        events.push(e);
        if (events.length === 3) break;
      }
    })();

    await store.append('remote-1', [event('A')], { expectedRevision: 'no_stream' });
    await store.append('remote-1', [event('B'), event('C')], { expectedRevision: 0 });
    await consumed;

    expect(events.map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });

  it('lets a filtered subscription on another instance see kinds of event that instance has never stored', async () => {
    const other = open();
    const events: RecordedEvent[] = [];
    const subscription = other.subscribe({ filter: { categories: ['fresh'] } });
    const consumed = (async () => {
      for await (const e of subscription) {
        events.push(e);
        if (events.length === 2) break;
      }
    })();

    await store.append('fresh-1', [event('Sprouted')], { expectedRevision: 'no_stream' });
    await store.append('fresh-1', [event('Grown')], { expectedRevision: 0 });
    await consumed;

    expect(events.map((e) => e.type)).toEqual(['Sprouted', 'Grown']);
    await other.append('fresh-2', [event('Grown')], { expectedRevision: 'no_stream' });
    const grown = await collect(store.readAll({ filter: { types: ['Grown'], categories: ['fresh'] } }));
    expect(grown.map((e) => e.streamId)).toEqual(['fresh-1', 'fresh-2']);
  });

  it('ends its subscriptions when the store closes', async () => {
    const subscription = store.subscribe();
    const pending = subscription[Symbol.asyncIterator]().next();

    await store.close();

    await expect(pending).resolves.toEqual(expect.objectContaining({ done: true }));
  });

  it('refuses to iterate one subscription twice', () => {
    const subscription = store.subscribe();
    subscription.batches();
    expect(() => subscription[Symbol.asyncIterator]()).toThrow('iterated once');
  });

  it('upcasts old schema versions on read without rewriting what is stored', async () => {
    const old = event('ComplaintFiled', { text: 'noise' });
    await store.append('complaint-1', [old], { expectedRevision: 'no_stream' });
    const upcasters = new UpcasterRegistry().register('ComplaintFiled', 1, (data) => ({ ...data, severity: 'normal' }));

    const upcasting = open({ upcasters });
    const [read] = await upcasting.readStream('complaint-1');
    const [fromAll] = await collect(upcasting.readAll());

    expect(read.data).toEqual({ text: 'noise', severity: 'normal' });
    expect(read.metadata.schemaVersion).toBe(2);
    expect(fromAll).toEqual(read);
    expect((await store.readStream('complaint-1'))[0].data).toEqual({ text: 'noise' });
  });

  it('reads a long stream built by many interleaved appends, in either direction and from any revision', async () => {
    let revision: number | 'no_stream' = 'no_stream';
    for (let batch = 0; batch < 300; batch++) {
      const [long]: AppendResult[] = await Promise.all([
        store.append('customer-long', [1, 2, 3, 4, 5].map((k) => event('Visit', { n: batch * 5 + k - 1 })), { expectedRevision: revision }),
        store.append(`customer-other-${batch % 7}`, [event('Noise')], { expectedRevision: 'any' }),
      ]);
      revision = long.nextRevision;
    }
    const ns = async (options: Parameters<SqliteEventStore['readStream']>[1]) =>
      (await store.readStream('customer-long', options)).map((e) => e.data.n);
    const range = (from: number, to: number, step = 1) => Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => from + i * step);

    expect(await ns({})).toEqual(range(0, 1499));
    expect(await ns({ from: 1234, limit: 10 })).toEqual(range(1234, 1243));
    expect(await ns({ direction: 'backwards', limit: 3 })).toEqual([1499, 1498, 1497]);
    expect(await ns({ direction: 'backwards', from: 2, limit: 10 })).toEqual([2, 1, 0]);
    expect(await ns({ direction: 'backwards', from: 5000, limit: 1 })).toEqual([1499]);
    expect(await ns({ direction: 'backwards' })).toEqual(range(1499, 0, -1));
    expect((await store.readStream('customer-long')).map((e) => e.revision)).toEqual(range(0, 1499));
  });

  it('merges a filter on many types in position order across a log larger than one page', async () => {
    const types = ['A', 'B', 'C', 'D'];
    const appends = Array.from({ length: 3000 }, (_, i) =>
      store.append(`mix-${i % 50}`, [event(types[i % 4], { i })], { expectedRevision: 'any' }),
    );
    await Promise.all(appends);

    const read = await collect(store.readAll({ filter: { types: ['A', 'C', 'D', 'C'] } }));

    expect(read.map((e) => e.data.i)).toEqual(Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 4 !== 1));
    const back = await collect(store.readAll({ direction: 'backwards', filter: { categories: ['mix'] }, limit: 1500 }));
    expect(back.map((e) => e.data.i)).toEqual(Array.from({ length: 1500 }, (_, i) => 2999 - i));
  });
});

/** Writes events the way the first layout (user_version 1) stored them. */
function writeFirstLayout(file: string, plan: [string, string][]): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE events (
      position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, previous INTEGER,
      event_id TEXT NOT NULL, type TEXT NOT NULL, category TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
      UNIQUE (event_id, stream_id)
    );
    CREATE INDEX events_by_type ON events (type, position);
    CREATE INDEX events_by_category ON events (category, position);
    CREATE TABLE streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, last_position INTEGER NOT NULL) WITHOUT ROWID;
    PRAGMA user_version = 1;
  `);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, previous, event_id, type, category, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upsert = db.prepare(
    'INSERT INTO streams VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_position = excluded.last_position',
  );
  const streams = new Map<string, [number, number]>();
  for (const [stream, type] of plan) {
    const [revision, previous] = streams.get(stream) ?? [-1, null as unknown as number];
    const e = event(type);
    const position = Number(
      insert.run(stream, revision + 1, previous, e.metadata.eventId, type, stream.split('-')[0], JSON.stringify(e.data), JSON.stringify(e.metadata))
        .lastInsertRowid,
    );
    upsert.run(stream, revision + 1, position);
    streams.set(stream, [revision + 1, position]);
  }
  db.close();
}

function event(type: string, data: Record<string, unknown> = {}): NewEvent {
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

async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of iterable) events.push(e);
  return events;
}
