/**
 * Complaints (issue "Complaint handling"):
 *   complaint_flow_rps               full intake → closure flows (8 commands each, every one
 *                                    awaited before the next, as staff would) per second, over
 *                                    HTTP through the all-in-one host (`node dist/src/main.js`,
 *                                    a child process on a fresh data dir, so client and server
 *                                    do not share an event loop)
 *   complaints_overdue_query_p99_ms  "which complaints are overdue" (GET /complaints?overdue=true)
 *                                    with 100,000 complaints in the read store: the query
 *                                    service on the sqlite read store. The read store is seeded
 *                                    directly through the complaint-details projection's
 *                                    handlers (synthetic events, no event store, no HTTP): what
 *                                    is measured is the query, not how the data got there.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { FixedClock, MS_PER_DAY, uuidv7, type RecordedEvent } from '@aftercare/kernel';
import { SqliteReadStore } from '@aftercare/read-store';
import { physicalCollectionName, ReadModels, type ProjectionContext } from '@aftercare/projections';
import { ScopeService, TokenService, type Principal } from '@aftercare/platform';
import { complaintDetailsProjection } from '../../libs/complaints/src/read-models/complaint-details/complaint-details.projection';
import { ComplaintDetailsQuery } from '../../libs/complaints/src/read-models/complaint-details/complaint-details.query';
import type { ComplaintEvent } from '../../libs/complaints/src/domain/complaint.events';
import { closedLoop, percentile, type BenchFigure, type BenchSuite } from './bench-suite';
import { freePort, stopServer, waitForHealth } from './bench-host';

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');
const SECRET = 'bench-secret-bench-secret';
const CONCURRENT_FLOWS = 48;
const WARMUP_SECONDS = 3;
const FLOW_SECONDS = 10;
const COMPLAINTS = 100_000;
const DEALERS = 10;
const QUERIES = 3000;

export const suite: BenchSuite = {
  name: 'complaints',
  async run() {
    return {
      complaint_flow_rps: await flowThroughput(),
      complaints_overdue_query_p99_ms: await overdueQuery(),
    };
  },
};

// ---------------------------------------------------------------- flows over HTTP

async function flowThroughput(): Promise<BenchFigure> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-complaints-'));
  const port = await freePort();
  const server = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, AFTERCARE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', AFTERCARE_JWT_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (chunk) => (stderr += chunk));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT_FLOWS });
  try {
    await waitForHealth(port, server, () => stderr);
    const tokens = new TokenService(SECRET);
    const bearer = (role: Principal['role'], sub: string) => `Bearer ${tokens.issue({ sub, role, dealerId: role === 'admin' ? undefined : 'D1' }, { expiresInSeconds: 3600 })}`;
    const admin = bearer('admin', 'bench-admin');
    const advisor = bearer('service_advisor', 'sa-bench');
    const manager = bearer('customer_service_manager', 'csm-bench');
    const agentToken = bearer('callback_agent', 'cb-bench');
    const call = (method: string, p: string, token: string, body?: object) => request(agent, port, method, p, token, body);

    await call('POST', '/api/v1/dealers', admin, { dealerId: 'D1', name: 'Bench dealer', region: 'east' });
    const customers: { id: string; vin: string }[] = [];
    for (let i = 0; i < CONCURRENT_FLOWS; i++) {
      const customer = await call('POST', '/api/v1/customers', advisor, { name: `客户${i}`, phone: `1380000${String(i).padStart(4, '0')}` });
      const vin = benchVin(i);
      await call('POST', `/api/v1/customers/${customer.id}/vehicles`, advisor, {
        vin, plate: `沪B${String(i).padStart(5, '0')}`, model: 'Lavida', purchaseDate: '2025-03-01', deliveredAt: '2025-03-10', warrantyMonths: 24, warrantyKm: 40000,
      });
      customers.push({ id: customer.id as string, vin });
    }

    const flow = async (customer: { id: string; vin: string }) => {
      const { id } = await call('POST', '/api/v1/complaints', advisor, {
        customerId: customer.id, vin: customer.vin, channel: 'walk_in', subject: 'price',
        description: 'The blower was quoted at 200 yuan and the part now costs 1,000.', expectedResolution: 'the quoted price', severity: 'normal',
      });
      const c = `/api/v1/complaints/${id}`;
      await call('POST', `${c}/acknowledgement`, manager, { message: 'We apologise', replyBy: new Date(Date.now() + MS_PER_DAY).toISOString() });
      await call('POST', `${c}/interim-replies`, agentToken, { message: 'We are checking the diagnosis' });
      await call('POST', `${c}/investigation`, manager, { rootCause: 'service_process', responsibleParty: 'dealer', findings: 'wrong part quoted' });
      await call('POST', `${c}/solutions`, manager, { description: 'apology, real price list, discount', compensationAmount: 500 });
      await call('POST', `${c}/solutions/1/acceptance`, advisor);
      await call('POST', `${c}/resolution`, manager, { summary: 'repaired at a discount' });
      await call('POST', `${c}/closure`, manager);
    };
    const run = (seconds: number) => closedLoop(customers, seconds, flow);
    await run(WARMUP_SECONDS);
    const measured = await run(FLOW_SECONDS);
    return {
      value: measured.rate,
      unit: 'flows/s',
      budget: 300,
      better: 'higher',
      note: `${CONCURRENT_FLOWS} concurrent flows of 8 awaited POSTs (${Math.round(measured.rate * 8)} commands/s), ${FLOW_SECONDS} s, ${measured.runs} flows; flow p99 ${Math.round(measured.p99)} ms`,
    };
  } finally {
    agent.destroy();
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function request(agent: http.Agent, port: number, method: string, p: string, token: string, body?: object): Promise<Record<string, unknown>> {
  const payload = JSON.stringify(body ?? {});
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: p, agent, headers: { authorization: token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 300) return reject(new Error(`${method} ${p}: ${res.statusCode} ${text}`));
          resolve(text ? JSON.parse(text) : {});
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A well-formed VIN (no I, O, Q) per bench customer. */
function benchVin(i: number): string {
  return `LSVBENCH${String(i).padStart(9, '0')}`;
}

// ---------------------------------------------------------------- the overdue query

async function overdueQuery(): Promise<BenchFigure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-overdue-'));
  const file = path.join(dir, 'read-models.sqlite');
  const now = Date.parse('2026-06-30T09:00:00.000Z');
  try {
    const seedStats = await seed(file, now);
    const queryStore = new SqliteReadStore({ file });
    try {
      const readModels = new ReadModels({ readStore: queryStore, projections: [complaintDetailsProjection] });
      const scope = new ScopeService({ regionOf: async () => 'east', dealersInRegion: async () => Array.from({ length: DEALERS }, (_, d) => `D${d}`) });
      const query = new ComplaintDetailsQuery(readModels, scope, null as never, new FixedClock(new Date(now)));
      const manager = (d: number): Principal => ({ sub: `csm-${d}`, role: 'customer_service_manager', dealerId: `D${d}`, region: null, exp: null });
      const admin: Principal = { sub: 'admin', role: 'admin', dealerId: null, region: null, exp: null };
      const regional: Principal = { sub: 'rsm', role: 'regional_service_manager', dealerId: null, region: 'east', exp: null };
      const samples: number[] = [];
      let items = 0;
      for (let i = 0; i < QUERIES + 200; i++) {
        // A mix: a dealer's manager now (half), the whole network now, a region now, and as of a past instant.
        const kind = i % 8;
        const caller = kind < 4 ? manager(i % DEALERS) : kind === 4 ? admin : kind === 5 ? regional : manager(i % DEALERS);
        const asOf = kind >= 6 ? new Date(now - (1 + (i % 300)) * MS_PER_DAY).toISOString() : undefined;
        const t0 = process.hrtime.bigint();
        const page = await query.list(caller, { overdue: true, asOf, limit: 50 });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (i >= 200) {
          samples.push(ms);
          items += page.items.length;
        }
      }
      return {
        value: percentile(samples, 99),
        unit: 'ms',
        budget: 20,
        better: 'lower',
        note: `${COMPLAINTS.toLocaleString('en-US')} complaints (${seedStats.overdueNow.toLocaleString('en-US')} overdue now, ${seedStats.spans.toLocaleString('en-US')} overdue periods), ${DEALERS} dealers; first page of 50, dealer/network/region scope, now and past asOf; p50 ${percentile(samples, 50).toFixed(2)} ms, ${(items / samples.length).toFixed(0)} items/page`,
      };
    } finally {
      await queryStore.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * 100,000 complaints over the year before `now`, through the projection's own
 * handlers: most closed within days (some after their deadlines passed, leaving
 * past overdue periods), a share still open, of which some overdue now.
 */
async function seed(file: string, now: number): Promise<{ overdueNow: number; spans: number }> {
  const store = new SqliteReadStore({ file });
  const ctx: ProjectionContext = { collection: (logical) => store.collection(physicalCollectionName(logical, complaintDetailsProjection.version, 0)) };
  for (const [logical, indexes] of Object.entries(complaintDetailsProjection.collections)) {
    for (const index of indexes) await ctx.collection(logical).createIndex(index);
  }
  let position = 0;
  let random = 42;
  const rand = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const batch: RecordedEvent[] = [];
  const flush = async () => {
    await store.transaction(async () => {
      for (const event of batch) await complaintDetailsProjection.handlers[event.type](event, ctx);
    });
    batch.length = 0;
  };
  for (let n = 0; n < COMPLAINTS; n++) {
    const complaintId = uuidv7();
    const dealerId = `D${n % DEALERS}`;
    const receivedAt = now - rand() * 365 * MS_PER_DAY;
    const fate = rand();
    const steps: [number, ComplaintEvent][] = [];
    const id = { complaintId };
    steps.push([receivedAt, {
      type: 'ComplaintReceived',
      data: {
        ...id, dealerId, customerId: `cust-${n % 20_000}`, vin: null, channel: 'phone', subject: 'repair_quality', description: 'noise', expectedResolution: 'fix',
        severity: 'normal', callbackId: null, takenBy: 'sa', takenByRole: 'service_advisor', receivedAt: new Date(receivedAt).toISOString(),
      },
    }]);
    const open = receivedAt > now - 20 * MS_PER_DAY && fate < 0.5;
    // Handled quickly (hours), or late (days: past overdue periods), or still open.
    const pace = fate < 0.7 ? 3 * 3_600_000 : 1.5 * MS_PER_DAY;
    let t = receivedAt;
    const next = (type: ComplaintEvent['type'], data: object) => {
      t += pace * (0.5 + rand());
      if (t < now) steps.push([t, { type, data: { ...id, ...data } } as ComplaintEvent]);
    };
    next('ComplaintAcknowledged', { message: 'sorry', replyBy: new Date(receivedAt + 2 * MS_PER_DAY).toISOString() });
    if (!open) {
      next('ComplaintInvestigated', { rootCause: 'service_process', responsibleParty: 'dealer', findings: 'x' });
      next('SolutionProposed', { solutionNo: 1, description: 'discount', compensationAmount: null });
      next('SolutionAccepted', { solutionNo: 1 });
      next('ComplaintResolved', { summary: 'done', followUpDueAt: new Date(t + 2 * MS_PER_DAY).toISOString() });
      next('ComplaintClosed', {});
    }
    steps.forEach(([at, event], revision) => {
      const iso = new Date(at).toISOString();
      batch.push({
        ...event,
        streamId: `complaint-${complaintId}`,
        revision,
        position: ++position,
        metadata: { eventId: uuidv7(), schemaVersion: 1, occurredAt: iso, recordedAt: iso, actor: { id: 'x', role: 'customer_service_manager' }, dealerId, correlationId: 'c', causationId: null },
      } as RecordedEvent);
    });
    if (batch.length >= 2000) await flush();
  }
  await flush();
  const spans = await ctx.collection('complaint_overdue_spans').count({});
  const nowIso = new Date(now).toISOString();
  const overdueNow = await ctx.collection('complaint_overdue_spans').count({ until: { $gt: nowIso }, from: { $lt: nowIso } });
  await store.close();
  return { overdueNow, spans };
}
