/**
 * The auditors' and integrators' paths:
 *   verify_eps       recompute every hash chain of a sealed sqlite log (aftercare verify)
 *   sse_fanout_eps   public events per second delivered to 20 SSE clients at once,
 *                    each reading the log from position 0 through the all-in-one
 *                    host (a child process, as `npm start` runs it)
 *   replay_eps       every projection of every context built from position 0 (what
 *                    `aftercare rebuild all` does) over a log of real domain events
 * The domain events are the API's own: a customer file is made through the real app
 * once, then cloned with fresh ids into the log.
 *   BENCH_VERIFY_EVENTS=200000 BENCH_SSE_EVENTS=20000 BENCH_REPLAY_EVENTS=100000 npm run bench -- audit
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { SYSTEM_ACTOR, uuidv7, type NewEvent, type RecordedEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { SqliteReadStore } from '@aftercare/read-store';
import { HashChainedEventStore, loadConfig, TokenService, upcastersOf } from '@aftercare/platform';
import { ProjectionRunner, silentRunnerLogger } from '@aftercare/projections';
import { verifyHistory } from '@aftercare/audit';
import { PUBLIC_EVENT_TYPES } from '@aftercare/integration';
import { CONTEXTS } from '../../apps/api/src/contexts';
import { createAllInOneApp } from '../../src/all-in-one.host';
import type { BenchSuite } from './bench-suite';
import { freePort } from './bench-host';

const VERIFY_EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 200_000);
const SSE_EVENTS = Number(process.env.BENCH_SSE_EVENTS ?? 20_000);
const SSE_CLIENTS = 20;
const REPLAY_EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 100_000);
const SECRET = 'bench-secret-bench-secret';
const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');

export const suite: BenchSuite = {
  name: 'audit',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-audit-'));
    try {
      const verify = await benchVerify(dir);
      const template = await templateEvents(path.join(dir, 'template'));
      const replay = await benchReplay(path.join(dir, 'replay'), template);
      const sse = await benchSse(path.join(dir, 'sse'), template);
      return {
        verify_eps: {
          value: verify.eps,
          unit: 'events/s',
          budget: 200_000,
          better: 'higher',
          note: `${VERIFY_EVENTS.toLocaleString('en-US')} sealed events in 100-event streams, read and re-hashed: ${verify.seconds.toFixed(1)} s`,
        },
        sse_fanout_eps: {
          value: sse.eps,
          unit: 'events/s',
          budget: 50_000,
          better: 'higher',
          note: `${sse.publicEvents.toLocaleString('en-US')} public events (of ${sse.logEvents.toLocaleString('en-US')}) to each of ${SSE_CLIENTS} clients from position 0, all-in-one host in a child process: ${sse.seconds.toFixed(1)} s`,
        },
        replay_eps: {
          value: replay.eps,
          unit: 'events/s',
          budget: 50_000,
          better: 'higher',
          note: `all ${replay.projections} projections built from position 0 over ${replay.events.toLocaleString('en-US')} domain events (${replay.handled.toLocaleString('en-US')} of their types; N chosen to run well under a minute here): ${replay.seconds.toFixed(1)} s, ${replay.parked} parked`,
        },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function benchVerify(dir: string): Promise<{ eps: number; seconds: number }> {
  const store = new HashChainedEventStore(new SqliteEventStore({ file: path.join(dir, 'verify.sqlite') }));
  try {
    const at = '2026-01-05T09:00:00.000Z';
    for (let i = 0; i < VERIFY_EVENTS; i += 100) {
      const events: NewEvent[] = Array.from({ length: Math.min(100, VERIFY_EVENTS - i) }, (_, k) => ({
        type: 'VisitRecorded',
        data: { customerId: `c${i + k}`, vin: `V${i}`, odometerKm: 1000 + k, amount: 480, type: 'periodic_maintenance' },
        metadata: { eventId: uuidv7(), schemaVersion: 1, occurredAt: at, recordedAt: at, actor: SYSTEM_ACTOR, dealerId: 'D1', correlationId: uuidv7(), causationId: null },
      }));
      await store.append(`vehicle-${i / 100}`, events, { expectedRevision: 'no_stream' });
    }
    const started = process.hrtime.bigint();
    const result = await verifyHistory(store, { progressEvery: 1_000_000, sqliteFile: path.join(dir, 'verify.sqlite') });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!result.ok || result.checked !== VERIFY_EVENTS) throw new Error(`verify: ${JSON.stringify(result)}`);
    return { eps: VERIFY_EVENTS / seconds, seconds };
  } finally {
    await store.close();
  }
}

/** The events of two dealers and two customer files, made through the real app (its reactions included). */
async function templateEvents(dataDir: string): Promise<RecordedEvent[]> {
  fs.mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', AFTERCARE_DATA_DIR: dataDir, AFTERCARE_JWT_SECRET: SECRET });
  const app = await createAllInOneApp({ config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.getHttpServer().address() as net.AddressInfo;
    const base = `http://127.0.0.1:${address.port}/api/v1`;
    const tokens = new TokenService(SECRET);
    const bearer = (claims: Parameters<TokenService['issue']>[0]) => `Bearer ${tokens.issue(claims, { expiresInSeconds: 3600 })}`;
    const admin = bearer({ sub: 'bench-admin', role: 'admin' });
    const advisor = bearer({ sub: 'sa-bench', role: 'service_advisor', dealerId: 'D1' });
    const post = async (url: string, token: string, body: object) => {
      const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    for (const [dealerId, region] of [['D1', 'east'], ['D2', 'east']]) await post('/dealers', admin, { dealerId, name: `Dealer ${dealerId}`, region });
    for (const n of [1, 2]) {
      const vin = `LSVAU2180N218329${n}`;
      const customer = await post('/customers', advisor, { name: `客户${n}`, phone: `1380013800${n}`, gender: 'male', birthDate: '1985-06-01' });
      await post(`/customers/${customer.id}/vehicles`, advisor, { vin, plate: `沪A1234${n}`, model: 'Lavida', purchaseDate: '2025-03-01', deliveredAt: '2025-03-10', warrantyMonths: 24, warrantyKm: 40000 });
      await post(`/vehicles/${vin}/visits`, advisor, { occurredAt: '2026-03-09T10:00:00.000Z', odometerKm: 7400, type: 'periodic_maintenance', amount: 680, advisorId: 'sa-bench' });
      await post(`/customers/${customer.id}/contact-details`, advisor, { phone: `1391111222${n}` });
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    await app.close();
  }
  const store = new SqliteEventStore({ file: path.join(dataDir, 'events.sqlite') });
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  await store.close();
  return events;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Copies of the template's customer files with fresh ids (every UUID, VIN and
 * phone made unique per copy), dealers once; unsealed, appended straight to sqlite.
 */
async function cloneLog(file: string, template: RecordedEvent[], total: number): Promise<number> {
  const store = new SqliteEventStore({ file });
  const dealers = template.filter((e) => e.streamId.startsWith('dealer-'));
  const files = template.filter((e) => !e.streamId.startsWith('dealer-'));
  const strip = (e: RecordedEvent) => {
    const { hash: _h, prevHash: _p, ...metadata } = e.metadata;
    return { streamId: e.streamId, type: e.type, data: e.data, metadata };
  };
  let appended = 0;
  try {
    const byStream = (events: ReturnType<typeof strip>[]) => {
      const streams = new Map<string, NewEvent[]>();
      for (const e of events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), { type: e.type, data: e.data, metadata: e.metadata as NewEvent['metadata'] }]);
      return streams;
    };
    for (const [stream, events] of byStream(dealers.map(strip))) {
      await store.append(stream, events, { expectedRevision: 'no_stream' });
      appended += events.length;
    }
    const json = JSON.stringify(files.map(strip));
    // 64 copies at a time (sqlite group-commits concurrent appends); within a copy, streams in template order.
    const copies = Math.max(1, Math.ceil((total - appended) / Math.max(1, files.length)));
    const appendCopy = async (copy: number) => {
      const tag = String(copy).padStart(8, '0');
      const text = json
        .replace(UUID, (u) => `${u.slice(0, 24)}${tag}${u.slice(32)}`)
        .replace(/LSVAU2180N218329(\d)/g, (_m, n) => `LSVAU${n}${tag.slice(0, 8)}${'000'}`.slice(0, 17))
        .replace(/1380013800(\d)|1391111222(\d)/g, (m) => `1${m[2] === '8' ? 3 : 5}${m.slice(-1)}${tag}`);
      const events = JSON.parse(text) as ReturnType<typeof strip>[];
      for (const e of events) e.metadata.eventId = uuidv7();
      for (const [stream, streamEvents] of byStream(events)) {
        await store.append(stream, streamEvents, { expectedRevision: 'no_stream' });
        appended += streamEvents.length;
      }
    };
    for (let first = 0; first < copies; first += 64) {
      await Promise.all(Array.from({ length: Math.min(64, copies - first) }, (_, k) => appendCopy(first + k)));
    }
    return appended;
  } finally {
    await store.close();
  }
}

async function benchReplay(dir: string, template: RecordedEvent[]) {
  fs.mkdirSync(dir, { recursive: true });
  const events = await cloneLog(path.join(dir, 'events.sqlite'), template, REPLAY_EVENTS);
  const eventStore = new SqliteEventStore({ file: path.join(dir, 'events.sqlite'), upcasters: upcastersOf(CONTEXTS) });
  const readStore = new SqliteReadStore({ file: path.join(dir, 'read-models.sqlite') });
  const projections = CONTEXTS.flatMap((c) => c.projections ?? []);
  const types = new Set(projections.flatMap((p) => Object.keys(p.handlers)));
  let handled = 0;
  for await (const e of eventStore.readAll()) if (types.has(e.type)) handled++;
  const runner = new ProjectionRunner({ eventStore, readStore, projections, logger: silentRunnerLogger, controlPollMs: 0 });
  try {
    const head = await eventStore.headPosition();
    const started = process.hrtime.bigint();
    await runner.start();
    await runner.waitForCatchUp(head, { timeoutMs: 10 * 60_000 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const parked = (await runner.parkedEvents()).length;
    return { eps: events / seconds, seconds, events, handled, parked, projections: new Set(projections.map((p) => p.name)).size };
  } finally {
    await runner.stop();
    await readStore.close();
    await eventStore.close();
  }
}

async function benchSse(dataDir: string, template: RecordedEvent[]) {
  fs.mkdirSync(dataDir, { recursive: true });
  await cloneLog(path.join(dataDir, 'events.sqlite'), template, SSE_EVENTS);

  const port = await freePort();
  const server = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, AFTERCARE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', AFTERCARE_JWT_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (chunk) => (stderr += chunk));
  try {
    const base = `http://127.0.0.1:${port}`;
    // Ready: the projections have caught up with the cloned log, so they do not compete with the stream.
    await waitFor(async () => (await fetch(`${base}/ready`).catch(() => null))?.status === 200, 120_000, () => stderr);
    // The host's reactions answer the cloned history with events of their own (callbacks): wait until the log is quiet.
    const store = new SqliteEventStore({ file: path.join(dataDir, 'events.sqlite') });
    let logEvents = -1;
    for (let head = await store.headPosition(); head !== logEvents; head = await store.headPosition()) {
      logEvents = head;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    let publicEvents = 0;
    for await (const _e of store.readAll({ filter: { types: [...PUBLIC_EVENT_TYPES] } })) publicEvents++;
    await store.close();
    const token = `Bearer ${new TokenService(SECRET).issue({ sub: 'bench-integrator', role: 'integrator' }, { expiresInSeconds: 3600 })}`;
    const started = process.hrtime.bigint();
    const counts = await Promise.all(Array.from({ length: SSE_CLIENTS }, () => readSse(`${base}/api/v1/events/stream?from=0`, token, publicEvents)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const delivered = counts.reduce((a, b) => a + b, 0);
    if (delivered !== publicEvents * SSE_CLIENTS) throw new Error(`sse: delivered ${delivered}, expected ${publicEvents * SSE_CLIENTS}`);
    return { eps: delivered / seconds, seconds, publicEvents, logEvents };
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/** Counts SSE events (`event:` lines) until `expected` have arrived, then hangs up. */
function readSse(url: string, authorization: string, expected: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let count = 0;
    let tail = '';
    const req = http.get(url, { headers: { accept: 'text/event-stream', authorization } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`sse: HTTP ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const text = tail + chunk;
        let i = -1;
        while ((i = text.indexOf('\nevent: ', i + 1)) >= 0) count++;
        // Shorter than the pattern: a match split across chunks is found once, none is counted twice.
        tail = text.slice(-7);
        if (count >= expected) {
          req.destroy();
          resolve(count);
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', (err) => (count >= expected ? undefined : reject(err)));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`server not ready in time:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

