import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SqliteReadStore } from '@aftercare/read-store';
import { BusyRetryingReadStore } from './busy-retrying.read-store';

describe('query connection beside an in-process projector (SQLite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-busy-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('waits for the projector to commit instead of blocking the event loop it needs', async () => {
    const file = path.join(dir, 'read-models.sqlite');
    const projector = new SqliteReadStore({ file });
    const query = new BusyRetryingReadStore(new SqliteReadStore({ file, busyTimeoutMs: 0 }));
    try {
      await projector.collection('dealers_v1').insertOne({ _id: 'seed' });
      await query.collection('_idempotency').insertOne({ _id: 'seed' });
      let committed = false;
      const batch = projector.transaction(async () => {
        await projector.collection('dealers_v1').insertOne({ _id: 'D1' });
        await new Promise((resolve) => setTimeout(resolve, 50));
        committed = true;
      });
      const started = Date.now();
      await new Promise((resolve) => setImmediate(resolve));
      await query.collection('_idempotency').insertOne({ _id: 'key-1' });
      await batch;
      expect(committed).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await query.collection('_idempotency').findOne({ _id: 'key-1' })).toEqual({ _id: 'key-1' });
    } finally {
      await query.close();
      await projector.close();
    }
  });
});
