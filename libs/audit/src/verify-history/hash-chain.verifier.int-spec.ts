import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Database from 'better-sqlite3';
import type { NewEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { HashChainedEventStore } from '@aftercare/platform';
import { verifyHistory } from './hash-chain.verifier';

let n = 0;
function event(type: string, data: Record<string, unknown> = {}): NewEvent {
  n++;
  const at = '2026-01-05T09:00:00.000Z';
  return {
    type,
    data,
    metadata: {
      eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      schemaVersion: 1,
      occurredAt: at,
      recordedAt: at,
      actor: { id: 'u', role: 'admin', dealerId: null },
      dealerId: 'D1',
      correlationId: 'c',
      causationId: null,
    },
  };
}

describe('hash-chained event store and its verifier', () => {
  let dir: string;
  let file: string;
  let store: HashChainedEventStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-chain-'));
    file = path.join(dir, 'events.sqlite');
    store = new HashChainedEventStore(new SqliteEventStore({ file }));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('chains concurrent appends to one stream with no expected revision, in the order they are stored', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((i) => store.append('thing-1', [event('Happened', { i })], { expectedRevision: 'any' })));
    await store.append('thing-2', [event('Happened'), event('Happened')], { expectedRevision: 'no_stream' });
    const events = await store.readStream('thing-1');
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < events.length; i++) expect(events[i].metadata.prevHash).toBe(events[i - 1].metadata.hash);
    expect(await verifyHistory(store)).toMatchObject({ ok: true, checked: 7, streams: 2, unsealed: 0 });
  });

  it('stores nothing new and breaks nothing when an append is retried', async () => {
    const first = event('Happened');
    await store.append('thing-1', [first], { expectedRevision: 'no_stream' });
    const again = await store.append('thing-1', [first], { expectedRevision: 'no_stream' });
    expect(again.nextRevision).toBe(0);
    expect(await verifyHistory(store, { streamId: 'thing-1' })).toMatchObject({ ok: true, checked: 1 });
  });

  it('names the event whose stored metadata was edited', async () => {
    await store.append('thing-1', [event('Happened'), event('Happened'), event('Happened')], { expectedRevision: 'no_stream' });
    const [, second] = await store.readStream('thing-1');
    const db = new Database(file);
    db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify({ ...second.metadata, dealerId: 'D9' }), second.position);
    db.close();
    const result = await verifyHistory(store);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ streamId: 'thing-1', revision: 1, position: second.position, field: 'hash', actual: second.metadata.hash });
  });

  it('finds a seal taken off an event that follows a sealed one', async () => {
    await store.append('thing-1', [event('Happened'), event('Happened')], { expectedRevision: 'no_stream' });
    const [, second] = await store.readStream('thing-1');
    const { hash: _h, prevHash: _p, ...unsealed } = second.metadata;
    const db = new Database(file);
    db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(unsealed), second.position);
    db.close();
    expect((await verifyHistory(store)).firstBroken).toMatchObject({ revision: 1, field: 'hash', actual: null });
  });

  it('accepts events stored before sealing existed at the start of a stream, and chains after them', async () => {
    const raw = new SqliteEventStore({ file: path.join(dir, 'legacy.sqlite') });
    await raw.append('old-1', [event('Happened')], { expectedRevision: 'no_stream' });
    const chained = new HashChainedEventStore(raw);
    await chained.append('old-1', [event('Happened')], { expectedRevision: 0 });
    expect(await verifyHistory(chained)).toMatchObject({ ok: true, checked: 2, unsealed: 1 });
    await chained.close();
  });

  describe('on the stored bytes of a SQLite file, in chunks', () => {
    const chunked = (extra: object = {}) => verifyHistory(store, { sqliteFile: file, chunkSize: 4, workers: 0, ...extra });
    const seed = async () => {
      // Streams interleaved so that most cross chunk boundaries (4 positions a chunk).
      for (let round = 0; round < 4; round++) {
        for (const stream of ['a-1', 'b-1', 'c-1']) await store.append(stream, [event('Happened', { round, stream, nested: { z: 1, a: [round] } })], { expectedRevision: 'any' });
      }
    };
    const edit = (position: number, change: (row: { data: string; metadata: string }) => { data?: string; metadata?: string }) => {
      const db = new Database(file);
      const row = db.prepare('SELECT data, metadata FROM events WHERE position = ?').get(position) as { data: string; metadata: string };
      const next = { ...row, ...change(row) };
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(next.data, next.metadata, position);
      db.close();
    };

    it('stores events in canonical key order with the seal last, so their stored text is what was hashed', async () => {
      await store.append('thing-1', [event('Happened', { z: 1, a: { y: 2, b: 3 } })], { expectedRevision: 'no_stream' });
      const db = new Database(file);
      const row = db.prepare('SELECT data, metadata FROM events').get() as { data: string; metadata: string };
      db.close();
      expect(row.data).toBe('{"a":{"b":3,"y":2},"z":1}');
      expect(row.metadata).toMatch(/^\{"actor":\{"dealerId":null,"id":"u","role":"admin"\},"causationId":.*,"prevHash":null,"hash":"[0-9a-f]{64}"\}$/);
    });

    it('gives the result a sequential run gives on an intact log', async () => {
      await seed();
      const sequential = await verifyHistory(store);
      expect(sequential).toMatchObject({ ok: true, checked: 12, streams: 3 });
      expect(await chunked()).toEqual(sequential);
    });

    it('names the same first broken link as a sequential run when a later chunk holds an edited event', async () => {
      await seed();
      edit(10, (row) => ({ data: row.data.replace('"round":3', '"round":4') }));
      const sequential = await verifyHistory(store);
      expect(sequential.firstBroken).toMatchObject({ position: 10, field: 'hash' });
      expect(await chunked()).toEqual(sequential);
    });

    it('finds an event deleted at a chunk boundary through the link from the next chunk', async () => {
      await seed();
      // Position 5 is b-1's second event; its successor (position 8) opens the next chunk.
      const db = new Database(file);
      db.prepare('DELETE FROM events WHERE position = 5').run();
      db.close();
      const sequential = await verifyHistory(store);
      expect(sequential.firstBroken).toMatchObject({ streamId: 'b-1', position: 8, field: 'revision' });
      expect(await chunked()).toEqual(sequential);
    });

    it('finds a forged prevHash in the stored text', async () => {
      await seed();
      edit(7, (row) => ({ metadata: row.metadata.replace(/"prevHash":"[0-9a-f]{64}"/, `"prevHash":"${'0'.repeat(64)}"`) }));
      const sequential = await verifyHistory(store);
      expect(sequential.firstBroken).toMatchObject({ position: 7, field: 'prevHash' });
      expect(await chunked()).toEqual(sequential);
    });

    it('still accepts events whose stored JSON is not canonical but means the same (sealed before canonical storage)', async () => {
      await seed();
      edit(6, (row) => {
        const data = JSON.parse(row.data) as Record<string, unknown>;
        const { hash, prevHash, ...rest } = JSON.parse(row.metadata) as Record<string, unknown>;
        const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
        return { data: JSON.stringify(reversed(data)), metadata: JSON.stringify({ hash, prevHash, ...reversed(rest) }) };
      });
      expect(await chunked()).toMatchObject({ ok: true, checked: 12, streams: 3 });
    });

    it('stops early with what it checked when asked to', async () => {
      await seed();
      const signal = { aborted: false };
      const result = await chunked({ progressEvery: 4, signal, onProgress: () => void (signal.aborted = true) });
      expect(result).toMatchObject({ ok: true, checked: 4 });
    });
  });
});

