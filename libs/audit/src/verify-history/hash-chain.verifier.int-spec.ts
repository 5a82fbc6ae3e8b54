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
});
