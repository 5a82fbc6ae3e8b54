/**
 * Issue #10 at size: a dealer group generated through the real command handlers
 * (apps/cli `demo`), then measured as a user would meet it.
 *
 *   generation_eps                  events appended per second by the generator, the
 *                                   reactions' events (care plans, callbacks,
 *                                   escalations, complaints from calls) included, until
 *                                   every projection and reaction had caught up
 *   replay_eps_at_scale             every projection built from position 0 over that log
 *                                   (`replay_eps` of the audit suite is the synthetic one)
 *   <projection>_query_p99_ms       each read model's main query over HTTP against the
 *                                   all-in-one host (a child process) on the data
 *   rss_mb                          that host's resident memory after the queries
 *   data_mb_per_million_events      events.sqlite (+ WAL) per million events; read models noted
 *
 * Sized by env: BENCH_SCALE_DEALERS (5), BENCH_SCALE_CUSTOMERS (400), BENCH_SCALE_YEARS (1),
 * BENCH_SCALE_SEED (bench); or BENCH_SCALE_DATA_DIR=<a dir `aftercare demo` filled> to measure
 * an existing data set (its demo.json gives generation_eps). BENCH_SCALE_QUERIES (200) per query.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SqliteEventStore } from '@aftercare/event-store';
import { SqliteReadStore } from '@aftercare/read-store';
import { loadConfig, TokenService, upcastersOf } from '@aftercare/platform';
import { ProjectionRunner, silentRunnerLogger } from '@aftercare/projections';
import { CONTEXTS } from '../../apps/api/src/contexts';
import { generateIntoDataDir } from '../../apps/cli/src/demo.command';
import { percentile, type BenchFigure, type BenchSuite } from './bench-suite';
import { freePort, stopServer, waitForHealth } from './bench-host';

const SECRET = 'bench-secret-bench-secret';
const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');
const QUERIES = Number(process.env.BENCH_SCALE_QUERIES ?? 200);
const QUERY_BUDGET_MS = 25;

interface DemoSummary {
  events: number;
  eventsPerSecond: number;
  elapsedMs: number;
  from: string;
  to: string;
  dealers: string[];
  options: { dealers: number; customers: number; years: number; seed: string };
  commands: Record<string, number>;
}

export const suite: BenchSuite = {
  name: 'scale',
  async run() {
    const given = process.env.BENCH_SCALE_DATA_DIR;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-scale-'));
    const dataDir = given ? path.resolve(given) : path.join(work, 'data');
    try {
      if (!given) {
        fs.mkdirSync(dataDir, { recursive: true });
        const config = loadConfig({ AFTERCARE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', AFTERCARE_JWT_SECRET: SECRET });
        await generateIntoDataDir(
          {
            dealers: Number(process.env.BENCH_SCALE_DEALERS ?? 5),
            customers: Number(process.env.BENCH_SCALE_CUSTOMERS ?? 400),
            years: Number(process.env.BENCH_SCALE_YEARS ?? 1),
            seed: process.env.BENCH_SCALE_SEED ?? 'bench',
            end: '2026-11-01',
          },
          { config, stderr: process.stderr },
        );
      }
      const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as DemoSummary;
      const size = `${demo.options.dealers} dealers, ${demo.options.customers.toLocaleString('en-US')} customers, ${demo.options.years} y`;
      const figures: Record<string, BenchFigure> = {
        generation_eps: {
          value: demo.eventsPerSecond, unit: 'events/s', budget: 5_000, better: 'higher',
          note: `${demo.events.toLocaleString('en-US')} events (reactions' included) from ${Object.values(demo.commands).reduce((s, n) => s + n, 0).toLocaleString('en-US')} commands through the CommandBus in ${(demo.elapsedMs / 1000).toFixed(0)} s; ${size}`,
        },
      };
      const eventsBytes = fileBytes(path.join(dataDir, 'events.sqlite'));
      const readBytes = fileBytes(path.join(dataDir, 'read-models.sqlite'));
      const logEvents = await countEvents(dataDir);
      figures.data_mb_per_million_events = {
        value: eventsBytes / 2 ** 20 / (logEvents / 1e6), unit: 'MB', better: 'lower',
        note: `events.sqlite ${(eventsBytes / 2 ** 20).toFixed(1)} MB for ${logEvents.toLocaleString('en-US')} events (hash-chained envelopes, indexes); read models ${(readBytes / 2 ** 20).toFixed(1)} MB more`,
      };
      Object.assign(figures, await replay(dataDir, path.join(work, 'replay'), logEvents));
      Object.assign(figures, await queries(dataDir, demo, size));
      return figures;
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};

function fileBytes(file: string): number {
  return [file, `${file}-wal`].reduce((s, f) => s + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}

async function countEvents(dataDir: string): Promise<number> {
  const store = new SqliteEventStore({ file: path.join(dataDir, 'events.sqlite') });
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

/** Every projection from position 0 on a copy of the log, into a fresh read store. */
async function replay(dataDir: string, dir: string, events: number): Promise<Record<string, BenchFigure>> {
  fs.mkdirSync(dir, { recursive: true });
  for (const suffix of ['', '-wal']) {
    const from = path.join(dataDir, `events.sqlite${suffix}`);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, `events.sqlite${suffix}`));
  }
  const eventStore = new SqliteEventStore({ file: path.join(dir, 'events.sqlite'), upcasters: upcastersOf(CONTEXTS) });
  const readStore = new SqliteReadStore({ file: path.join(dir, 'read-models.sqlite') });
  const projections = CONTEXTS.flatMap((c) => c.projections ?? []);
  const runner = new ProjectionRunner({ eventStore, readStore, projections, logger: silentRunnerLogger, controlPollMs: 0 });
  try {
    const head = await eventStore.headPosition();
    const started = process.hrtime.bigint();
    await runner.start();
    await runner.waitForCatchUp(head, { timeoutMs: 60 * 60_000 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const parked = (await runner.parkedEvents()).length;
    return {
      replay_eps_at_scale: {
        value: events / seconds, unit: 'events/s', budget: 50_000, better: 'higher',
        note: `all ${new Set(projections.map((p) => p.name)).size} projections from position 0 over the demo log of ${events.toLocaleString('en-US')} events: ${seconds.toFixed(1)} s, ${parked} parked`,
      },
    };
  } finally {
    await runner.stop();
    await readStore.close();
    await eventStore.close();
  }
}

/** The all-in-one host on the data; each read model's main query, sequentially; then its RSS. */
async function queries(dataDir: string, demo: DemoSummary, size: string): Promise<Record<string, BenchFigure>> {
  const port = await freePort();
  const server = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, AFTERCARE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', AFTERCARE_JWT_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (chunk) => (stderr += chunk));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, server, () => stderr);
    const deadline = Date.now() + 30 * 60_000;
    while ((await fetch(`${base}/ready`).catch(() => null))?.status !== 200) {
      if (Date.now() > deadline) throw new Error(`not ready in 30 min:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const tokens = new TokenService(SECRET);
    const bearer = (claims: Parameters<TokenService['issue']>[0]) => `Bearer ${tokens.issue(claims, { expiresInSeconds: 3600 })}`;
    const admin = bearer({ sub: 'bench-admin', role: 'admin' });
    const dealer = demo.dealers[0];
    const advisor = bearer({ sub: `SA-${dealer}-1`, role: 'service_advisor', dealerId: dealer });
    const csm = bearer({ sub: `CSM-${dealer}-1`, role: 'customer_service_manager', dealerId: dealer });
    const get = async (url: string, auth: string) => {
      const res = await fetch(`${base}/api/v1${url}`, { headers: { Authorization: auth } });
      const body = res.status === 200 ? await res.json() : await res.text();
      return { status: res.status, body };
    };
    const customers = (await get('/customers?limit=500', advisor)).body as { items?: Array<{ id: string }> };
    const ids = (customers.items ?? []).map((c) => c.id);
    const complaints = ((await get('/complaints?limit=500', csm)).body as { items?: Array<{ id: string }> }).items?.map((c) => c.id) ?? [];
    const month = (k: number) => new Date(Date.parse(demo.to) - k * 30 * 86_400_000).toISOString().slice(0, 10);
    const at = (list: string[], i: number) => list[(i * 7919) % Math.max(1, list.length)];
    // The main query of each read model, as API.md names it (a dealer's view where there is one).
    const plan: Array<{ key: string; auth: string; url: (i: number) => string | null; what: string }> = [
      { key: 'dealers', auth: admin, url: () => '/dealers', what: 'GET /dealers' },
      { key: 'customer_profile', auth: advisor, url: (i) => (ids.length ? `/customers/${at(ids, i)}` : null), what: 'GET /customers/{id}' },
      { key: 'customer_profile_search', auth: advisor, url: (i) => `/customers?q=${encodeURIComponent(['王', '李', '138', '张'][i % 4])}&limit=50`, what: 'GET /customers?q=' },
      { key: 'complaint_details', auth: csm, url: (i) => (i % 2 ? '/complaints?limit=50' : complaints.length ? `/complaints/${at(complaints, i)}` : '/complaints?limit=50'), what: 'GET /complaints and /complaints/{id}' },
      { key: 'complaint_board', auth: csm, url: (i) => `/complaints/board?dealerId=${dealer}&from=${month(1 + (i % 12))}&to=${month(i % 12)}`, what: 'GET /complaints/board (a month)' },
      { key: 'callbacks', auth: csm, url: (i) => `/callbacks/queue?limit=50&asOf=${encodeURIComponent(new Date(Date.parse(demo.to) - (i % 30) * 86_400_000).toISOString())}`, what: 'GET /callbacks/queue?asOf' },
      { key: 'care_plan', auth: advisor, url: (i) => (ids.length ? `/care-plans/${at(ids, i)}` : null), what: 'GET /care-plans/{customerId}' },
      { key: 'callback_report', auth: csm, url: (i) => `/reports/callbacks?from=${month(1 + (i % 12))}&to=${month(i % 12)}`, what: 'GET /reports/callbacks (a month)' },
      { key: 'csi_report', auth: csm, url: (i) => `/reports/csi?from=${month(1 + (i % 12))}&to=${month(i % 12)}`, what: 'GET /reports/csi (a month)' },
      { key: 'claim_details', auth: csm, url: () => '/claims?limit=50', what: 'GET /claims' },
      { key: 'claim_costs', auth: bearer({ sub: 'bench-oem', role: 'regional_service_manager', region: 'east' }), url: (i) => `/claims/costs?month=${month(i % 12).slice(0, 7)}`, what: 'GET /claims/costs?month' },
      { key: 'claim_worklist', auth: csm, url: () => '/claims/worklist', what: 'GET /claims/worklist' },
      { key: 'member_details', auth: csm, url: () => '/members?limit=50', what: 'GET /members' },
      { key: 'customer_segments', auth: csm, url: (i) => `/segments/${['loyal', 'churned', 'vip'][i % 3]}/customers?limit=50`, what: 'GET /segments/{segment}/customers' },
    ];
    const figures: Record<string, BenchFigure> = {};
    for (const q of plan) {
      const latencies: number[] = [];
      let failed = 0;
      let firstFailure = '';
      for (let i = 0; i < QUERIES; i++) {
        const url = q.url(i);
        if (!url) break;
        const t0 = process.hrtime.bigint();
        const res = await fetch(`${base}/api/v1${url}`, { headers: { Authorization: q.auth } });
        await res.arrayBuffer();
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (res.status === 200) latencies.push(ms);
        else if (!failed++) firstFailure = `${res.status} ${url}`;
      }
      if (!latencies.length) {
        process.stderr.write(`  scale: ${q.what} not measured (${firstFailure || 'no ids'})\n`);
        continue;
      }
      figures[`${q.key}_query_p99_ms`] = {
        value: percentile(latencies, 99), unit: 'ms', budget: QUERY_BUDGET_MS, better: 'lower',
        note: `${q.what}, ${latencies.length} sequential requests over HTTP, p50 ${percentile(latencies, 50).toFixed(2)} ms${failed ? `, ${failed} non-200 (${firstFailure})` : ''}; ${size}`,
      };
    }
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? NaN);
    figures.rss_mb = {
      value: rssKb / 1024, unit: 'MB', budget: 500, better: 'lower',
      note: `all-in-one host serving the demo data (${demo.events.toLocaleString('en-US')} events), caught up, after the queries; ${size}`,
    };
    return figures;
  } finally {
    await stopServer(server);
  }
}
