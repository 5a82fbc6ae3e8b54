import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { loadConfig, openEventStore } from '@aftercare/platform';
import { runVerify } from '../../apps/cli/src/verify.command';

describe('aftercare verify', () => {
  it('checks every chain of the data dir and reports how many events it checked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-cli-'));
    const env = { AFTERCARE_DATA_DIR: dir, LOG_LEVEL: 'silent' };
    try {
      const store = await openEventStore(loadConfig(env));
      const at = '2026-01-05T09:00:00.000Z';
      for (const i of [1, 2, 3]) {
        await store.append('thing-1', [{ type: 'Happened', data: { i }, metadata: { eventId: `00000000-0000-4000-8000-00000000000${i}`, schemaVersion: 1, occurredAt: at, recordedAt: at, actor: { id: 'u', role: 'admin', dealerId: null }, dealerId: null, correlationId: 'c', causationId: null } }], { expectedRevision: 'any' });
      }
      await store.close();
      const result = await runVerify({}, env, new PassThrough());
      expect(result).toMatchObject({ ok: true, checked: 3, streams: 1, firstBroken: null });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
