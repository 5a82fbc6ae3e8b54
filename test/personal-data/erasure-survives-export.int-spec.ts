import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { FixedClock } from '@aftercare/kernel';
import { loadConfig, openReadStore } from '@aftercare/platform';
import { ERASED } from '@aftercare/personal-data';
import { ProjectionCatalog } from '@aftercare/projections';
import { CONTEXTS } from '../../apps/api/src/contexts';
import { runExport } from '../../apps/cli/src/export.command';
import { runImport } from '../../apps/cli/src/import.command';
import { runRebuild } from '../../apps/cli/src/rebuild.command';
import { startApp } from '../support/e2e-app';
import { NOW, registerDealers } from '../customers/customer-file.scenario';

const envOf = (dir: string) => ({ AFTERCARE_DATA_DIR: dir, LOG_LEVEL: 'silent' });
const ERASED_NAME = 'Quentavius Oddlebury';
const KEPT_NAME = 'Philippa Keepwell';

async function profile(dir: string, id: string): Promise<Record<string, unknown> | null> {
  const store = await openReadStore(loadConfig(envOf(dir)));
  try {
    const active = await new ProjectionCatalog(store).active('customer-profile');
    return store.collection(active!.collections.customer_profiles).findOne({ _id: id });
  } finally {
    await store.close();
  }
}

describe('an erasure survives export and import (docs/personal-data.md)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-erasure-export-'));
  const [source, target] = [path.join(root, 'source'), path.join(root, 'target')];
  const [file, keysFile] = [path.join(root, 'events.ndjson'), path.join(root, 'keys.ndjson')];
  const ids: Record<string, string> = {};
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    fs.mkdirSync(source);
    fs.mkdirSync(target);
    const app = await startApp({ clock: new FixedClock(NOW), dataDir: source });
    try {
      await registerDealers(app);
      const advisor = app.token('service_advisor', { dealerId: 'D1' });
      for (const name of [ERASED_NAME, KEPT_NAME]) {
        ids[name] = (await app.http.post('/api/v1/customers').set('Authorization', advisor).send({ name, phone: '13912340000' }).expect(201)).body.id;
      }
      await app.http.delete(`/api/v1/customers/${ids[ERASED_NAME]}/personal-data`).set('Authorization', app.token('admin')).send({ reason: 'asked' }).expect(200);
      await app.caughtUp();
    } finally {
      await app.stop();
    }
  });

  it('exports no key of an erased customer, so the imported copy shows them erased and keeps the others readable', async () => {
    const exported = await runExport({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', out: file, keys: keysFile }, envOf(source), new PassThrough());
    expect(exported.keys).toBe(1);
    expect(fs.statSync(keysFile).mode & 0o077).toBe(0);
    for (const name of [ERASED_NAME, KEPT_NAME]) expect(fs.readFileSync(file, 'utf8')).not.toContain(name);

    const imported = await runImport({ file, keys: keysFile }, envOf(target), new PassThrough());
    expect(imported.keys).toEqual({ imported: 1, present: 0, destroyed: 0 });
    await runRebuild({ projection: 'customer-profile', local: true }, { contexts: CONTEXTS, env: envOf(target), stderr: new PassThrough(), pollMs: 50 });

    expect(await profile(target, ids[ERASED_NAME])).toMatchObject({ name: ERASED, phone: ERASED, personalDataErasedAt: NOW });
    expect(await profile(target, ids[KEPT_NAME])).toMatchObject({ name: KEPT_NAME, phone: '13912340000' });
    const leaked = fs.readdirSync(target).filter((f) => fs.readFileSync(path.join(target, f)).includes(Buffer.from(ERASED_NAME)));
    expect(leaked).toEqual([]);
  });

  it('shows every personal field as erased when imported without the keys file', async () => {
    const bare = path.join(root, 'bare');
    fs.mkdirSync(bare);
    await runImport({ file }, envOf(bare), new PassThrough());
    await runRebuild({ projection: 'customer-profile', local: true }, { contexts: CONTEXTS, env: envOf(bare), stderr: new PassThrough(), pollMs: 50 });
    expect(await profile(bare, ids[KEPT_NAME])).toMatchObject({ name: ERASED, phone: ERASED });
  });
});
