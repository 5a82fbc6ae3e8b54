import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeKeyStoreConformance } from '../testing/key-store.conformance';
import { SqliteKeyStore } from './sqlite-key-store';

describeKeyStoreConformance('sqlite (file)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-keys-'));
  const file = path.join(dir, 'keys.sqlite');
  const store = new SqliteKeyStore({ file });
  const other = new SqliteKeyStore({ file });
  return {
    store,
    other,
    cleanup: async () => {
      await Promise.all([store.close(), other.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteKeyStore files', () => {
  it('keeps no byte of a destroyed key in the file or its WAL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-keys-'));
    const file = path.join(dir, 'keys.sqlite');
    const store = new SqliteKeyStore({ file });
    const reader = new SqliteKeyStore({ file }); // keeps the WAL from being removed at close
    try {
      const keys: Buffer[] = [];
      for (let i = 0; i < 50; i++) keys.push(await store.keyFor(`customer-${i}`));
      const victim = keys[17];
      const bytesOnDisk = () => fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)));
      expect(bytesOnDisk().some((b) => b.includes(victim))).toBe(true);
      await store.destroy('customer-17', '2026-03-10T09:00:00.000Z');
      expect(bytesOnDisk().some((b) => b.includes(victim))).toBe(false);
      // The others are untouched.
      expect(bytesOnDisk().some((b) => b.includes(keys[16]))).toBe(true);
      expect((await reader.keyFor('customer-16')).equals(keys[16])).toBe(true);
    } finally {
      await Promise.all([store.close(), reader.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
