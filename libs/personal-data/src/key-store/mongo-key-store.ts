import type { Collection, Db, MongoClient } from 'mongodb';
import { newKey } from '../field-cipher';
import { KeyLookup, KeyStore, SubjectErasedError } from './key-store.port';

interface KeyDoc {
  _id: string;
  key: Buffer | { buffer: Uint8Array } | null;
  createdAt: string;
  destroyedAt: string | null;
}

export const KEYS_COLLECTION = 'personal_data_keys';

function bytes(value: KeyDoc['key']): Buffer {
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  return Buffer.from((value as { buffer: Uint8Array }).buffer);
}

/**
 * The scale-out key store: one collection (`personal_data_keys`), by default in
 * the read-model database. Destroying a key unsets it in place; what MongoDB's
 * storage engine and its backups keep of old versions is the operator's matter
 * (docs/personal-data.md), which is why a KMS adapter is the better choice there.
 */
export class MongoKeyStore implements KeyStore {
  private constructor(
    private readonly keys: Collection<KeyDoc>,
    private readonly ownedClient: MongoClient | undefined,
  ) {}

  static async connect(options: { url: string; dbName?: string }): Promise<MongoKeyStore> {
    const { MongoClient } = await import('mongodb');
    const client = new MongoClient(options.url, { ignoreUndefined: true });
    await client.connect();
    return new MongoKeyStore(client.db(options.dbName).collection<KeyDoc>(KEYS_COLLECTION), client);
  }

  static on(db: Db): MongoKeyStore {
    return new MongoKeyStore(db.collection<KeyDoc>(KEYS_COLLECTION), undefined);
  }

  async keyFor(subject: string): Promise<Buffer> {
    await this.insertIfAbsent({ _id: subject, key: newKey(), createdAt: new Date().toISOString(), destroyedAt: null });
    const found = await this.lookup(subject);
    if (found.status !== 'active') throw new SubjectErasedError(subject);
    return found.key;
  }

  async lookup(subject: string): Promise<KeyLookup> {
    const doc = await this.keys.findOne({ _id: subject });
    if (!doc) return { status: 'none' };
    if (doc.destroyedAt !== null || !doc.key) return { status: 'destroyed', destroyedAt: doc.destroyedAt ?? '' };
    return { status: 'active', key: bytes(doc.key) };
  }

  async destroy(subject: string, at: string): Promise<boolean> {
    const result = await this.keys.updateOne({ _id: subject, destroyedAt: null }, { $set: { key: null, destroyedAt: at } });
    if (result.modifiedCount > 0) return true;
    await this.insertIfAbsent({ _id: subject, key: null, createdAt: at, destroyedAt: at });
    return false;
  }

  async *exportKeys(): AsyncIterable<{ subject: string; key: Buffer }> {
    for await (const doc of this.keys.find({ destroyedAt: null }).sort({ _id: 1 })) {
      if (doc.key) yield { subject: doc._id, key: bytes(doc.key) };
    }
  }

  async importKey(subject: string, key: Buffer): Promise<'imported' | 'present' | 'destroyed' | 'conflict'> {
    if (await this.insertIfAbsent({ _id: subject, key, createdAt: new Date().toISOString(), destroyedAt: null })) return 'imported';
    const found = await this.lookup(subject);
    if (found.status === 'destroyed') return 'destroyed';
    return found.status === 'active' && found.key.equals(key) ? 'present' : 'conflict';
  }

  /** true when inserted; false when the subject already had a document (duplicate key). */
  private async insertIfAbsent(doc: KeyDoc): Promise<boolean> {
    try {
      await this.keys.insertOne(doc);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.ownedClient?.close();
  }
}
