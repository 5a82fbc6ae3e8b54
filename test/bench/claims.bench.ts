/**
 * Claims (issue "Claims: goodwill compensation and goodwill warranty claims through
 * their sign-off chains"):
 *   claim_chain_rps   full goodwill-compensation chains per second over HTTP, through the
 *                     all-in-one host (`node dist/src/main.js`, a child process on a fresh
 *                     data dir, so client and server do not share an event loop). One chain
 *                     is 10 commands, each awaited before the next as the people in it
 *                     would: the service director's application, the five sign-offs of
 *                     R-GC-2 (each loading the claim, checking role, region and order,
 *                     hashing the content), archive, materials request, materials, and
 *                     settlement (R-GC-3). Major complaints are filed beforehand, one per
 *                     concurrent chain, and reused: what is measured is the claim chain.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { Role } from '@aftercare/kernel';
import { TokenService } from '@aftercare/platform';
import { closedLoop, percentile, type BenchFigure, type BenchSuite } from './bench-suite';
import { freePort, stopServer, waitForHealth } from './bench-host';

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');
const SECRET = 'bench-secret-bench-secret';
const CONCURRENT_CHAINS = 32;
const WARMUP_SECONDS = 3;
const CHAIN_SECONDS = 10;
const COMMANDS_PER_CHAIN = 10;

export const suite: BenchSuite = {
  name: 'claims',
  async run() {
    return { claim_chain_rps: await chainThroughput() };
  },
};

async function chainThroughput(): Promise<BenchFigure> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-claims-'));
  const port = await freePort();
  const server = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, AFTERCARE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', AFTERCARE_JWT_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (chunk) => (stderr += chunk));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT_CHAINS });
  try {
    await waitForHealth(port, server, () => stderr);
    const tokens = new TokenService(SECRET);
    const bearer = (role: Role, scope: { dealerId?: string; region?: string }) =>
      `Bearer ${tokens.issue({ sub: `${role}-bench`, role, dealerId: scope.dealerId, region: scope.region }, { expiresInSeconds: 3600 })}`;
    const dealer = (role: Role) => bearer(role, { dealerId: 'D1' });
    const oem = (role: Role) => bearer(role, { region: 'east' });
    const admin = bearer('admin', {});
    const advisor = dealer('service_advisor');
    const director = dealer('service_director');
    const signers = (['oem_after_sales', 'regional_service_manager', 'oem_general_manager', 'product_liability', 'oem_leadership'] as Role[]).map(oem);
    const productLiability = oem('product_liability');
    const regional = oem('regional_service_manager');
    const call = (method: string, p: string, token: string, body?: object) => request(agent, port, method, p, token, body);

    await call('POST', '/api/v1/dealers', admin, { dealerId: 'D1', name: 'Bench dealer', region: 'east' });
    const customer = await call('POST', '/api/v1/customers', advisor, { name: '客户', phone: '13800000000' });
    const vin = 'LSVBENCH000000001';
    await call('POST', `/api/v1/customers/${customer.id}/vehicles`, advisor, {
      vin, plate: '沪B00001', model: 'Lavida', purchaseDate: '2025-03-01', deliveredAt: '2025-03-10', warrantyMonths: 24, warrantyKm: 40000,
    });
    const complaints: string[] = [];
    for (let i = 0; i < CONCURRENT_CHAINS; i++) {
      const complaint = await call('POST', '/api/v1/complaints', advisor, {
        customerId: customer.id, vin, channel: 'phone', subject: 'product_quality', description: 'the engine seized on the motorway',
        expectedResolution: 'pay the towing and the hotel', severity: 'major',
      });
      complaints.push(complaint.id as string);
    }

    const chain = async (complaintId: string) => {
      const { id } = await call('POST', '/api/v1/claims/goodwill-compensation', director, {
        complaintId, amount: 12000, currency: 'CNY',
        breakdown: [{ kind: 'customer_loss', description: 'towing and a hotel night', amount: 2000 }, { kind: 'repair', description: 'engine repair', amount: 10000 }],
      });
      const c = `/api/v1/claims/${id}`;
      for (const signer of signers) await call('POST', `${c}/approvals`, signer, { decision: 'approve' });
      await call('POST', `${c}/archive`, productLiability, {});
      await call('POST', `${c}/materials/request`, regional, { kinds: ['invoice'] });
      await call('POST', `${c}/materials`, director, { documents: [{ kind: 'invoice', ref: 'INV-1' }] });
      await call('POST', `${c}/settlement`, productLiability, { amount: 12000 });
    };
    const run = (seconds: number) => closedLoop(complaints, seconds, chain);
    await run(WARMUP_SECONDS);
    const measured = await run(CHAIN_SECONDS);
    return {
      value: measured.rate,
      unit: 'flows/s',
      budget: 200,
      better: 'higher',
      note: `${CONCURRENT_CHAINS} concurrent goodwill-compensation chains of ${COMMANDS_PER_CHAIN} awaited POSTs (${Math.round(measured.rate * COMMANDS_PER_CHAIN)} commands/s), ${CHAIN_SECONDS} s, ${measured.runs} chains; chain p99 ${Math.round(measured.p99)} ms`,
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

