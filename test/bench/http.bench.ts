/**
 * The HTTP hot path of the all-in-one host (`npm start`), run as a child process
 * on a fresh data dir so the load generator (autocannon, in this process) and the
 * server do not share an event loop:
 *   startup_ms              spawn `node dist/src/main.js` → /health answers
 *   http_command_rps        64 connections POSTing a command, as fast as it goes
 *   http_command_p99_ms     their p99 latency
 *   projection_lag_p99_ms   at a steady 1,000 commands/s: recordedAt → applied by
 *                           the projection, from the projector's histogram
 *                           (projection_apply_lag_seconds) before/after the run
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import autocannon from 'autocannon';
import { TokenService } from '@aftercare/platform';
import type { BenchFigure, BenchSuite } from './bench-suite';
import { freePort, stopServer, waitForHealth } from './bench-host';

const CONNECTIONS = 64;
const WARMUP_SECONDS = 3;
const LOAD_SECONDS = 10;
const STEADY_RATE = 1000;
const STEADY_SECONDS = 10;
const SECRET = 'bench-secret-bench-secret';
const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');

export const suite: BenchSuite = {
  name: 'http',
  async run() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-http-'));
    const port = await freePort();
    const started = process.hrtime.bigint();
    const server = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, AFTERCARE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', AFTERCARE_JWT_SECRET: SECRET },
      // Logs at info (one line per request) go to /dev/null: writing them is part of the cost measured.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    server.stderr!.on('data', (chunk) => (stderr += chunk));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHealth(base, server, () => stderr);
      const startupMs = Number(process.hrtime.bigint() - started) / 1e6;

      const tokens = new TokenService(SECRET);
      const admin = `Bearer ${tokens.issue({ sub: 'bench-admin', role: 'admin' }, { expiresInSeconds: 3600 })}`;
      const advisor = `Bearer ${tokens.issue({ sub: 'bench-advisor', role: 'service_advisor', dealerId: 'BENCH' }, { expiresInSeconds: 3600 })}`;
      const vins = await seedVehicles(base, admin, advisor);
      // POST /vehicles/{vin}/visits (issue: "POST visits through the all-in-one host"). Each
      // request takes the next vehicle of the pool and a rising odometer, so no two requests in
      // flight touch the same stream and no reading ever goes backwards.
      let n = 0;
      const command = (opts: Partial<autocannon.Options>) =>
        load({
          url: `${base}/api/v1/vehicles`,
          connections: CONNECTIONS,
          ...opts,
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: advisor },
              setupRequest: (req) => {
                n++;
                return {
                  ...req,
                  path: `/api/v1/vehicles/${vins[n % vins.length]}/visits`,
                  body: JSON.stringify({ odometerKm: 1000 + n, type: 'periodic_maintenance', amount: 480, advisorId: 'sa-bench' }),
                };
              },
            },
          ],
        });

      await command({ duration: WARMUP_SECONDS });
      const full = await command({ duration: LOAD_SECONDS });
      await settle(base);

      const before = await applyLagBuckets(base);
      const steady = await command({ duration: STEADY_SECONDS, overallRate: STEADY_RATE });
      await settle(base);
      const after = await applyLagBuckets(base);
      const lagP99 = quantileFromBuckets(diffBuckets(after, before), 0.99) * 1000;

      return {
        startup_ms: { value: startupMs, unit: 'ms', budget: 5000, better: 'lower', note: 'spawn node dist/src/main.js on an empty data dir → /health 200' },
        http_command_rps: {
          value: full.requests.average,
          unit: 'req/s',
          budget: 3000,
          better: 'higher',
          note: `POST /api/v1/vehicles/{vin}/visits, ${CONNECTIONS} connections, ${LOAD_SECONDS} s; ${full.non2xx} non-2xx, ${full.errors} errors`,
        },
        http_command_p99_ms: { value: full.latency.p99, unit: 'ms', budget: 30, better: 'lower', note: 'same run' },
        projection_lag_p99_ms: {
          value: lagP99,
          unit: 'ms',
          budget: 100,
          better: 'lower',
          note: `recordedAt → applied, at ${Math.round(steady.requests.average)} commands/s for ${STEADY_SECONDS} s (histogram-interpolated)`,
        },
      } satisfies Record<string, BenchFigure>;
    } finally {
      await stopServer(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

const VEHICLES = 1000;

/** A dealer and a pool of customers with one vehicle each, to record visits against. */
async function seedVehicles(base: string, admin: string, advisor: string): Promise<string[]> {
  const post = async (url: string, auth: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`seeding ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  await post('/api/v1/dealers', admin, { dealerId: 'BENCH', name: 'Bench dealer', region: 'bench' });
  const vins = Array.from({ length: VEHICLES }, (_, i) => `LBENCH${String(i).padStart(11, '0')}`);
  for (let i = 0; i < vins.length; i += 32) {
    await Promise.all(
      vins.slice(i, i + 32).map(async (vin, k) => {
        const customer = await post('/api/v1/customers', advisor, { name: `Customer ${i + k}`, phone: `138${String(i + k).padStart(8, '0')}` });
        await post(`/api/v1/customers/${customer.id}/vehicles`, advisor, {
          vin, plate: `B${vin.slice(-5)}`, model: 'Bench', purchaseDate: '2025-01-01', deliveredAt: '2025-01-02', warrantyMonths: 24, warrantyKm: 40000,
        });
      }),
    );
  }
  return vins;
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => {
      if (err) return reject(err);
      if (result.errors > 0 || result.non2xx > result.requests.total * 0.01) {
        return reject(new Error(`load run failed: ${result.non2xx} non-2xx, ${result.errors} errors of ${result.requests.total}`));
      }
      resolve(result);
    });
  });
}

/** Waits until /ready says the projections have applied everything. */
async function settle(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/ready`);
    const body = (await res.json()) as { lagging: unknown[] };
    if (res.ok && body.lagging.length === 0) {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      if (!/projection_lag_events\{[^}]*\} [1-9]/.test(metrics)) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('projections did not catch up within 60 s');
}

type Buckets = Map<number, number>;

async function applyLagBuckets(base: string): Promise<Buckets> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const buckets: Buckets = new Map();
  for (const match of text.matchAll(/^projection_apply_lag_seconds_bucket\{([^}]*)\} (\d+(?:\.\d+)?)$/gm)) {
    const le = /le="([^"]+)"/.exec(match[1])![1];
    const bound = le === '+Inf' ? Infinity : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(match[2]));
  }
  return buckets;
}

function diffBuckets(after: Buckets, before: Buckets): Buckets {
  return new Map([...after].map(([le, count]) => [le, count - (before.get(le) ?? 0)]));
}

/** Prometheus histogram_quantile: linear interpolation inside the bucket holding the quantile. */
function quantileFromBuckets(buckets: Buckets, q: number): number {
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let prevBound = 0;
  let prevCount = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (bound === Infinity) return prevBound;
      return prevBound + ((bound - prevBound) * (rank - prevCount)) / Math.max(1, count - prevCount);
    }
    prevBound = bound;
    prevCount = count;
  }
  return prevBound;
}

