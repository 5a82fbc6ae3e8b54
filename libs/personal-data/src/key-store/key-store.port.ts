/**
 * Where the per-person keys live, apart from the events (docs/personal-data.md):
 * destroying a key erases that person's personal data from every event sealed
 * with it (crypto-shredding) while the events themselves stay. Adapters: SQLite
 * (embedded: `keys.sqlite` in the data dir), MongoDB (scale-out); a KMS adapter
 * implements the same port. One conformance suite (testing/key-store.conformance.ts)
 * runs on each.
 */
export type KeyLookup =
  | { status: 'active'; key: Buffer }
  /** Destroyed: the tombstone keeps only when, so no key is ever made for the subject again. */
  | { status: 'destroyed'; destroyedAt: string }
  | { status: 'none' };

export interface KeyStore {
  /**
   * The subject's key, made (256 random bits) on first use. Concurrent callers,
   * in this process or another, get the same key. Throws SubjectErasedError once
   * the key was destroyed.
   */
  keyFor(subject: string): Promise<Buffer>;
  lookup(subject: string): Promise<KeyLookup>;
  /**
   * Destroys the key and leaves a tombstone; the key's bytes are overwritten in
   * the store's files, not merely unlinked. Idempotent: true when a key was
   * destroyed by this call, false when there was none or it was already gone.
   */
  destroy(subject: string, at: string): Promise<boolean>;
  /** Every active key, for `aftercare export --keys` (destroyed ones stay destroyed). */
  exportKeys(): AsyncIterable<{ subject: string; key: Buffer }>;
  /**
   * Restores a key from an export. Never resurrects a destroyed key and never
   * replaces a different active key ('conflict').
   */
  importKey(subject: string, key: Buffer): Promise<'imported' | 'present' | 'destroyed' | 'conflict'>;
  close(): Promise<void>;
}

export const KEY_STORE = Symbol('KeyStore');

export class SubjectErasedError extends Error {
  constructor(readonly subject: string) {
    super(`the personal data of ${subject} was erased: its key is destroyed`);
    this.name = 'SubjectErasedError';
  }
}
