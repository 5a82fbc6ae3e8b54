import { randomUUID } from 'crypto';
import { KEY_BYTES } from '../field-cipher';
import { KeyStore, SubjectErasedError } from '../key-store/key-store.port';

export interface KeyStoreUnderTest {
  store: KeyStore;
  /** A second connection to the same store, as another process would have. */
  other: KeyStore;
  cleanup: () => Promise<void>;
}

/** The one suite every KeyStore adapter passes (docs/personal-data.md). */
export function describeKeyStoreConformance(adapterName: string, factory: () => Promise<KeyStoreUnderTest>): void {
  describe(`KeyStore conformance: ${adapterName}`, () => {
    let store: KeyStore;
    let other: KeyStore;
    let cleanup: (() => Promise<void>) | undefined;
    const subject = () => `customer-${randomUUID()}`;

    beforeEach(async () => {
      ({ store, other, cleanup } = await factory());
    });
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    it('makes a 256-bit key on first use and gives the same key afterwards, also to another connection', async () => {
      const s = subject();
      expect(await store.lookup(s)).toEqual({ status: 'none' });
      const key = await store.keyFor(s);
      expect(key.length).toBe(KEY_BYTES);
      expect((await store.keyFor(s)).equals(key)).toBe(true);
      expect((await other.keyFor(s)).equals(key)).toBe(true);
      const found = await other.lookup(s);
      expect(found.status === 'active' && found.key.equals(key)).toBe(true);
    });

    it('gives every subject its own key', async () => {
      const [a, b] = [await store.keyFor(subject()), await store.keyFor(subject())];
      expect(a.equals(b)).toBe(false);
    });

    it('agrees on one key when two connections make it at the same time', async () => {
      const s = subject();
      const keys = await Promise.all([store.keyFor(s), other.keyFor(s), store.keyFor(s), other.keyFor(s)]);
      for (const key of keys) expect(key.equals(keys[0])).toBe(true);
    });

    it('destroys a key for good: lookups say destroyed, keyFor refuses, no new key is ever made', async () => {
      const s = subject();
      await store.keyFor(s);
      expect(await store.destroy(s, '2026-03-10T09:00:00.000Z')).toBe(true);
      expect(await other.lookup(s)).toEqual({ status: 'destroyed', destroyedAt: '2026-03-10T09:00:00.000Z' });
      await expect(store.keyFor(s)).rejects.toBeInstanceOf(SubjectErasedError);
      await expect(other.keyFor(s)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('destroys idempotently, and a subject without a key gets a tombstone', async () => {
      const s = subject();
      await store.keyFor(s);
      expect(await store.destroy(s, '2026-03-10T09:00:00.000Z')).toBe(true);
      expect(await other.destroy(s, '2026-03-11T09:00:00.000Z')).toBe(false);
      expect(await store.lookup(s)).toEqual({ status: 'destroyed', destroyedAt: '2026-03-10T09:00:00.000Z' });
      const never = subject();
      expect(await store.destroy(never, '2026-03-10T09:00:00.000Z')).toBe(false);
      await expect(store.keyFor(never)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('exports active keys only and imports them without resurrecting or replacing any', async () => {
      const [kept, gone] = [subject(), subject()];
      const key = await store.keyFor(kept);
      await store.keyFor(gone);
      await store.destroy(gone, '2026-03-10T09:00:00.000Z');
      const exported = new Map<string, Buffer>();
      for await (const entry of store.exportKeys()) exported.set(entry.subject, entry.key);
      expect(exported.get(kept)?.equals(key)).toBe(true);
      expect(exported.has(gone)).toBe(false);

      const fresh = subject();
      const freshKey = Buffer.alloc(KEY_BYTES, 7);
      expect(await other.importKey(fresh, freshKey)).toBe('imported');
      expect((await store.keyFor(fresh)).equals(freshKey)).toBe(true);
      expect(await store.importKey(kept, key)).toBe('present');
      expect(await store.importKey(kept, Buffer.alloc(KEY_BYTES, 1))).toBe('conflict');
      expect(await store.importKey(gone, Buffer.alloc(KEY_BYTES, 2))).toBe('destroyed');
      expect((await store.lookup(gone)).status).toBe('destroyed');
    });
  });
}
