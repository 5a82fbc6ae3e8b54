import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { FixedClock } from '@aftercare/kernel';
import { loadConfig, openEventStore, openReadStore, canonicalJson } from '@aftercare/platform';
import { ProjectionCatalog } from '@aftercare/projections';
import { CONTEXTS } from '../../apps/api/src/contexts';
import { runExport } from '../../apps/cli/src/export.command';
import { runImport } from '../../apps/cli/src/import.command';
import { runRebuild } from '../../apps/cli/src/rebuild.command';
import { startApp } from '../support/e2e-app';
import { createCustomerFile, NOW, registerDealers } from '../customers/customer-file.scenario';

const envOf = (dir: string) => ({ AFTERCARE_DATA_DIR: dir, LOG_LEVEL: 'silent' });

/** logical collection → sha256 over its documents in _id order, for every serving projection build. */
async function readModelHashes(dir: string): Promise<Record<string, string>> {
  const store = await openReadStore(loadConfig(envOf(dir)));
  try {
    const hashes: Record<string, string> = {};
    for (const active of await new ProjectionCatalog(store).allActive()) {
      for (const [logical, physical] of Object.entries(active.collections)) {
        const docs = await store.collection(physical).find({}, { sort: { _id: 1 } });
        const hash = createHash('sha256');
        for (const doc of docs) hash.update(canonicalJson(doc)).update('\n');
        hashes[logical] = `${docs.length}:${hash.digest('hex')}`;
      }
    }
    return hashes;
  } finally {
    await store.close();
  }
}

describe('aftercare export | import | rebuild', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-cli-eir-'));
  const source = path.join(root, 'source');
  const target = path.join(root, 'target');
  const file = path.join(root, 'events.ndjson');
  const keysFile = path.join(root, 'keys.ndjson');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    fs.mkdirSync(source);
    fs.mkdirSync(target);
    const app = await startApp({ clock: new FixedClock(NOW), dataDir: source });
    try {
      await registerDealers(app);
      const { customerId } = await createCustomerFile(app);
      await createCustomerFile(app, 'LSVAU2180N2183295');
      const advisor = app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
      await app.http.post(`/api/v1/customers/${customerId}/contact-details`).set('Authorization', advisor).send({ phone: '13911112222' }).expect(200);
      await app.caughtUp();
    } finally {
      await app.stop();
    }
  });

  it('exports, imports idempotently and resumably, and rebuilds identical read models', async () => {
    // Personal data stays encrypted in the export; its keys go to a file of their own (docs/personal-data.md).
    const exported = await runExport({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', out: file, keys: keysFile }, envOf(source), new PassThrough());
    expect(exported.keys).toBe(2);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('王建国');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(exported.exported).toBe(lines.length);
    expect(lines.length).toBeGreaterThan(10);
    const first = JSON.parse(lines[0]);
    expect(first).toMatchObject({ position: expect.any(Number), streamId: expect.any(String), revision: 0, type: expect.any(String), data: expect.any(Object) });
    expect(first.metadata).toMatchObject({ eventId: expect.any(String), recordedAt: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // A first run stopped half way (as by Ctrl-C), then the whole file: it continues.
    const half = path.join(root, 'half.ndjson');
    fs.writeFileSync(half, lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n');
    const partial = await runImport({ file: half }, envOf(target), new PassThrough());
    expect(partial).toEqual({ appended: Math.floor(lines.length / 2), skipped: 0, interrupted: false });
    const rest = await runImport({ file, keys: keysFile }, envOf(target), new PassThrough());
    expect(rest).toEqual({ appended: lines.length - Math.floor(lines.length / 2), skipped: Math.floor(lines.length / 2), interrupted: false, keys: { imported: 2, present: 0, destroyed: 0 } });
    const again = await runImport({ file }, envOf(target), new PassThrough());
    expect(again).toEqual({ appended: 0, skipped: lines.length, interrupted: false });

    // Same events, same streams, same revisions, same seals.
    const [from, to] = [await openEventStore(loadConfig(envOf(source))), await openEventStore(loadConfig(envOf(target)))];
    try {
      const strip = (e: { streamId: string; revision: number; type: string; data: unknown; metadata: unknown }) => canonicalJson([e.streamId, e.revision, e.type, e.data, e.metadata]);
      const a: string[] = [];
      const b: string[] = [];
      for await (const e of from.readAll()) a.push(strip(e));
      for await (const e of to.readAll()) b.push(strip(e));
      expect(b).toEqual(a);
    } finally {
      await Promise.all([from.close(), to.close()]);
    }

    const stderr = new PassThrough();
    let progress = '';
    stderr.on('data', (chunk) => (progress += String(chunk)));
    const rebuilt = await runRebuild({ projection: 'all', local: true }, { contexts: CONTEXTS, env: envOf(target), stderr, pollMs: 50 });
    expect(rebuilt.interrupted).toBe(false);
    expect(rebuilt.builds.length).toBe(new Set(CONTEXTS.flatMap((c) => c.projections ?? []).map((p) => p.name)).size);
    expect(progress).toMatch(/\[#+-*\]\s+100\.0%/);
    expect(progress).toContain('ETA');

    const expected = await readModelHashes(source);
    const actual = await readModelHashes(target);
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    expect(actual).toEqual(expected);
  });

  it('resumes an interrupted export after the last complete line of its file', async () => {
    const whole = path.join(root, 'whole.ndjson');
    const resumed = path.join(root, 'resumed.ndjson');
    const all = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };
    await runExport({ ...all, out: whole }, envOf(source), new PassThrough());
    const text = fs.readFileSync(whole, 'utf8');
    const lines = text.trim().split('\n');
    // Stopped after a third of the lines, the next one half written (a crash mid-write).
    const cut = Math.floor(lines.length / 3);
    fs.writeFileSync(resumed, lines.slice(0, cut).join('\n') + '\n' + lines[cut].slice(0, 40));
    const rest = await runExport({ ...all, out: resumed, resume: true }, envOf(source), new PassThrough());
    expect(rest.exported).toBe(lines.length - cut);
    expect(fs.readFileSync(resumed, 'utf8')).toBe(text);
    // Nothing left: resuming a finished export adds nothing.
    expect((await runExport({ ...all, out: resumed, resume: true }, envOf(source), new PassThrough())).exported).toBe(0);
    expect(fs.readFileSync(resumed, 'utf8')).toBe(text);
  });
});

