import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UpcasterRegistry, type NewEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { PersonalDataEventStore } from './personal-data.event-store';
import { ERASED, SEALED_FIELD } from './personal-data.catalogue';
import { SqliteKeyStore } from './key-store/sqlite-key-store';
import { SubjectErasedError } from './key-store/key-store.port';
import type { SealedFields } from './field-cipher';

const catalogue = { PersonRegistered: { subject: 'personId', fields: ['name', 'phone', 'note'] } };

function event(type: string, data: Record<string, unknown>, id: string): NewEvent {
  return {
    type,
    data,
    metadata: { eventId: id, schemaVersion: 1, occurredAt: '2026-03-10T09:00:00.000Z', recordedAt: '2026-03-10T09:00:00.000Z', actor: { id: 'a', role: 'admin' }, dealerId: 'D1', correlationId: 'c', causationId: null },
  };
}

describe('PersonalDataEventStore', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: SqliteKeyStore;
  let store: PersonalDataEventStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-pd-'));
    raw = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    keys = new SqliteKeyStore({ file: path.join(dir, 'keys.sqlite') });
    store = new PersonalDataEventStore(raw, keys, catalogue, { erasureTypes: { PersonErased: 'personId' } });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores the personal fields sealed and everything else as given, and reads them back whole', async () => {
    await store.append('person-p1', [event('PersonRegistered', { personId: 'p1', dealerId: 'D1', name: 'Ada Quux', phone: '13812345678', note: null }, '00000000-0000-7000-8000-000000000001')], { expectedRevision: 'no_stream' });
    const [stored] = await raw.readStream('person-p1');
    expect(stored.metadata.schemaVersion).toBe(2);
    expect(Object.keys(stored.data).sort()).toEqual(['dealerId', 'personId', SEALED_FIELD]);
    const sealed = stored.data[SEALED_FIELD] as SealedFields;
    expect(sealed).toMatchObject({ alg: 'AES-256-GCM', subject: 'p1', fields: ['name', 'phone'] });
    expect(JSON.stringify(stored)).not.toContain('Ada Quux');
    const [read] = await store.readStream('person-p1');
    expect(read.data).toEqual({ personId: 'p1', dealerId: 'D1', name: 'Ada Quux', phone: '13812345678', note: null });
  });

  it('gives each person their own key: a sealed value moved into another person\'s event does not open', async () => {
    await store.append('person-p1', [event('PersonRegistered', { personId: 'p1', name: 'Ada' }, '00000000-0000-7000-8000-000000000001')], { expectedRevision: 'no_stream' });
    const [stored] = await raw.readStream('person-p1');
    const forged = { ...(stored.data[SEALED_FIELD] as SealedFields), subject: 'p2' };
    await keys.keyFor('p2');
    await raw.append('person-p2', [event('PersonRegistered', { personId: 'p2', [SEALED_FIELD]: forged }, '00000000-0000-7000-8000-000000000002')], { expectedRevision: 'no_stream' });
    await expect(store.readStream('person-p2')).rejects.toThrow();
  });

  it('reads every personal field as erased once the key is destroyed, in streams, $all and subscriptions', async () => {
    await store.append('person-p1', [event('PersonRegistered', { personId: 'p1', name: 'Ada', phone: '138' }, '00000000-0000-7000-8000-000000000001')], { expectedRevision: 'no_stream' });
    await store.readStream('person-p1'); // cached key
    expect(await store.destroyKey('p1', '2026-03-11T00:00:00.000Z')).toBe(true);
    const [read] = await store.readStream('person-p1');
    expect(read.data).toEqual({ personId: 'p1', name: ERASED, phone: ERASED });
    for await (const e of store.readAll()) expect(e.data).toMatchObject({ name: ERASED });
    const subscription = store.subscribe({ from: 0 });
    for await (const batch of subscription.batches()) {
      expect(batch[0].data).toMatchObject({ name: ERASED, phone: ERASED });
      break;
    }
    await subscription.close();
    await expect(
      store.append('person-p1', [event('PersonRegistered', { personId: 'p1', name: 'Ada again' }, '00000000-0000-7000-8000-000000000003')], { expectedRevision: 0 }),
    ).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('forgets a key another process destroyed when the erasure event passes, without waiting for the cache', async () => {
    await store.append('person-p1', [event('PersonRegistered', { personId: 'p1', name: 'Ada' }, '00000000-0000-7000-8000-000000000001')], { expectedRevision: 'no_stream' });
    expect((await store.readStream('person-p1'))[0].data).toMatchObject({ name: 'Ada' });
    const elsewhere = new SqliteKeyStore({ file: path.join(dir, 'keys.sqlite') });
    await elsewhere.destroy('p1', '2026-03-11T00:00:00.000Z');
    await elsewhere.close();
    await store.append('person-p1', [event('PersonErased', { personId: 'p1' }, '00000000-0000-7000-8000-000000000002')], { expectedRevision: 0 });
    // The projector reads the erasure event (and forgets the key) before anything after it.
    for await (const e of store.readAll({ filter: { types: ['PersonErased'] } })) expect(e.type).toBe('PersonErased');
    expect((await store.readStream('person-p1'))[0].data).toMatchObject({ name: ERASED });
  });

  it('reads plaintext events of before encryption through an upcaster, and erases them on read too', async () => {
    const upcasters = new UpcasterRegistry().register('PersonRegistered', 1, (data) => {
      const { name, phone, ...rest } = data;
      return { ...rest, [SEALED_FIELD]: { alg: 'none', subject: String(data.personId), fields: ['name', 'phone'], plain: { name, phone } } };
    });
    const upcasting = new SqliteEventStore({ file: path.join(dir, 'events.sqlite'), upcasters });
    await raw.append('person-old', [event('PersonRegistered', { personId: 'old', name: 'Old Ada', phone: '139' }, '00000000-0000-7000-8000-000000000009')], { expectedRevision: 'no_stream' });
    const legacy = new PersonalDataEventStore(upcasting, new SqliteKeyStore({ file: path.join(dir, 'keys.sqlite') }), catalogue, { cacheTtlMs: 0 });
    try {
      expect((await legacy.readStream('person-old'))[0].data).toEqual({ personId: 'old', name: 'Old Ada', phone: '139' });
      await legacy.destroyKey('old', '2026-03-11T00:00:00.000Z');
      expect((await legacy.readStream('person-old'))[0].data).toEqual({ personId: 'old', name: ERASED, phone: ERASED });
    } finally {
      await legacy.close();
    }
  });
});
