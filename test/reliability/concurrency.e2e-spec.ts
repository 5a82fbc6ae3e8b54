/**
 * Issue #9 point 5: 200 concurrent, conflicting commands on one complaint over HTTP
 * (acknowledgements, interim replies, escalations, investigations, solutions and
 * rejections, a third of them under If-Match, some sent twice with one
 * Idempotency-Key), in bursts, to two processes on one store: the built all-in-one
 * host and an API replica. Every answer is a success or a refusal (409 rule, 412
 * stale If-Match, 404 for answering a solution never proposed); never a 5xx, and
 * never a refusal for the contention alone. The stream left obeys the complaint
 * rules of DOMAIN.md, holds exactly one event per successful command (no event
 * lost, none doubled), and the read model agrees.
 *
 * What makes it hold: CommandRunner queues the commands of one process on one
 * stream and appends with the revision it read; the event store checks that
 * revision in its write transaction, so the other process's writer fails and
 * decides again (or gets 412 under If-Match); Idempotency-Key twins find their
 * derived event ids stored. RELIABILITY_SEED=<n> draws another mix.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RecordedEvent, Role } from '@aftercare/kernel';
import { loadConfig, openEventStore, TokenService } from '@aftercare/platform';
import { VIN } from '../customers/customer-file.scenario';
import { API_ONLY, buildDist, ChildHost, waitReady } from './child-host';
import { pick, seededRandom, seedOf } from './seeded-random';

type Kind = 'acknowledge' | 'interim' | 'escalate' | 'investigate' | 'propose' | 'reject';

interface Sent {
  i: number;
  kind: Kind;
  path: string;
  body: object;
  token: string;
  correlationId: string;
  ifMatch: number | null;
  idempotencyKey: string | null;
}

interface Answered extends Sent {
  status: number;
  body: { id?: string; revision?: number; code?: string; solutionNo?: number };
}

const COMMANDS = 200;
const SECRET = 'concurrency-test-secret-0123456789';
const EVENT_OF: Record<Kind, string> = {
  acknowledge: 'ComplaintAcknowledged',
  interim: 'InterimReplySent',
  escalate: 'ComplaintEscalated',
  investigate: 'ComplaintInvestigated',
  propose: 'SolutionProposed',
  reject: 'SolutionRejected',
};

describe('200 concurrent conflicting commands on one complaint (R-CP-1, R-CP-2, R-CP-3, R-CP-5)', () => {
  const seed = seedOf(20260310);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-concurrency-'));
  const env = { AFTERCARE_DATA_DIR: dataDir, AFTERCARE_JWT_SECRET: SECRET, LOG_LEVEL: 'error' };
  const host = new ChildHost(env);
  /** A second writer on the same files: an API replica of the scale-out deployment. */
  const replica = new ChildHost(env, API_ONLY);
  const tokens = new TokenService(SECRET);
  const tokenOf = (role: Role, sub: string, dealerId?: string) => `Bearer ${tokens.issue({ sub, role, dealerId }, { expiresInSeconds: 3600 })}`;
  const call = async (path: string, token: string, body?: object, headers: Record<string, string> = {}, to: ChildHost = host) => {
    const res = await fetch(`${to.base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: token, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const created = async (path: string, token: string, body: object) => {
    const res = await call(path, token, body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  let complaintId: string;
  let answers: Answered[];
  let stream: RecordedEvent[];
  let view: { revision: number; status: string; timeline: { type: string; revision: number }[]; solutions: { solutionNo: number }[] };

  beforeAll(async () => {
    // The real hosts in their own processes, as deployed: the all-in-one host and an API replica
    // on the same SQLite files. Within a process, commands on one stream queue (CommandRunner);
    // between the two, the event store's revision check decides and the loser decides again.
    buildDist();
    await Promise.all([host.start(), replica.start()]);
    const admin = tokenOf('admin', 'admin-1');
    await created('/api/v1/dealers', admin, { dealerId: 'D1', name: 'Dealer D1', region: 'east' });
    const advisor = tokenOf('service_advisor', 'sa-li', 'D1');
    const customerId = await created('/api/v1/customers', advisor, { name: '王建国', phone: '13800138000' });
    await created(`/api/v1/customers/${customerId}/vehicles`, advisor, {
      vin: VIN, plate: '沪A12345', model: 'Lavida', purchaseDate: '2025-03-01', deliveredAt: '2025-03-10', warrantyMonths: 24, warrantyKm: 40000,
    });
    complaintId = await created('/api/v1/complaints', advisor, {
      customerId, vin: VIN, channel: 'phone', subject: 'repair_quality', description: 'noise after the service', expectedResolution: 'fix it', severity: 'normal',
    });

    const random = seededRandom(seed);
    const manager = tokenOf('customer_service_manager', 'csm-zhao', 'D1');
    const agent = tokenOf('callback_agent', 'cb-wu', 'D1');
    const replyBy = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const base = `/api/v1/complaints/${complaintId}`;
    const make = (i: number): Sent => {
      const kind = pick<Kind>(random, ['acknowledge', 'interim', 'interim', 'escalate', 'investigate', 'investigate', 'propose', 'propose', 'reject', 'reject']);
      const ifMatch = random() < 0.35 ? Math.floor(random() * 12) : null;
      const common = { i, kind, correlationId: `conc-${seed}-${i}`, ifMatch, idempotencyKey: null };
      switch (kind) {
        case 'acknowledge':
          return { ...common, path: `${base}/acknowledgement`, token: manager, body: { message: `sorry (${i})`, replyBy } };
        case 'interim':
          return { ...common, path: `${base}/interim-replies`, token: random() < 0.5 ? agent : manager, body: { message: `still on it (${i})` } };
        case 'escalate':
          return { ...common, path: `${base}/escalation`, token: manager, body: { reason: `the customer calls again (${i})` } };
        case 'investigate':
          return {
            ...common,
            path: `${base}/investigation`,
            token: manager,
            body: { rootCause: pick(random, ['service_process', 'product_quality', 'miscommunication']), responsibleParty: 'dealer', findings: `finding ${i}` },
          };
        case 'propose':
          return { ...common, path: `${base}/solutions`, token: manager, body: { description: `solution of request ${i}`, compensationAmount: 100 + i } };
        case 'reject':
          return { ...common, path: `${base}/solutions/${1 + Math.floor(random() * 4)}/rejection`, token: advisor, body: { reason: `not enough (${i})` } };
      }
    };
    const sent: Sent[] = [];
    for (let i = 0; sent.length < COMMANDS; i++) {
      const one = make(i);
      sent.push(one);
      // Every tenth command is sent twice at once with one Idempotency-Key: one effect at most.
      if (i % 10 === 0 && sent.length < COMMANDS) {
        const keyed = { ...one, ifMatch: null, idempotencyKey: `conc-key-${seed}-${i}` };
        sent[sent.length - 1] = keyed;
        sent.push({ ...keyed });
      }
    }

    // Open the connections first (keep-alive), so the 200 requests leave together and reach the host in bursts.
    const target = sent.map(() => (random() < 0.5 ? host : replica));
    await Promise.all(sent.map((_, n) => fetch(`${target[n].base}/health`).then((r) => r.arrayBuffer())));
    // In bursts of 25 every 15 ms, none waiting for an answer: each burst lands on the host at once
    // (real races on one revision), and the complaint moves on between bursts.
    answers = await Promise.all(
      sent.map(async (s, n) => {
        await new Promise((r) => setTimeout(r, Math.floor(n / 25) * 15));
        const headers: Record<string, string> = { 'x-correlation-id': s.correlationId };
        if (s.ifMatch !== null) headers['if-match'] = `"${s.ifMatch}"`;
        if (s.idempotencyKey !== null) headers['idempotency-key'] = s.idempotencyKey;
        const res = await call(s.path, s.token, s.body, headers, target[n]);
        return { ...s, status: res.status, body: res.body };
      }),
    );
    // The read model once it has applied the last event, then the stream itself, read from the file.
    await waitReady(host.base);
    view = (await call(`/api/v1/complaints/${complaintId}`, manager)).body;
    await Promise.all([host.stop(), replica.stop()]);
    const eventStore = await openEventStore(loadConfig(env));
    try {
      stream = await eventStore.readStream(`complaint-${complaintId}`);
    } finally {
      await eventStore.close();
    }
  });
  afterAll(async () => {
    await Promise.all([host.kill(), replica.kill()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!answers) return;
    const byStatus: Record<string, number> = {};
    for (const a of answers) byStatus[`${a.status} ${a.body.code ?? ''}`.trim()] = (byStatus[`${a.status} ${a.body.code ?? ''}`.trim()] ?? 0) + 1;
    const solutions = stream.filter((e) => e.type === 'SolutionProposed').length;
    process.stdout.write(`concurrency seed ${seed}: ${JSON.stringify({ byStatus, events: stream.length, solutions })}\n`);
  });

  it('answers every command with a success or a refusal, never a 5xx', () => {
    const unexpected = answers.filter(
      (a) => !(a.status === 200 || a.status === 409 || a.status === 412 || (a.status === 404 && a.kind === 'reject' && a.body.code === 'COMPLAINT.NO_SUCH_SOLUTION')),
    );
    expect(unexpected.map((a) => `${a.kind} #${a.i}: ${a.status} ${a.body.code ?? ''}`)).toEqual([]);
    expect(answers).toHaveLength(COMMANDS);
    // The mix really conflicted: some of each outcome.
    const statuses = new Set(answers.map((a) => a.status));
    for (const status of [200, 409, 412]) expect(statuses).toContain(status);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(10);
  });

  it('refuses no command for the contention alone: no 409 CONCURRENCY.TOO_MANY_CONFLICTS, no undated step "before the previous step"', () => {
    expect(answers.filter((a) => a.body.code === 'CONCURRENCY.TOO_MANY_CONFLICTS').map((a) => `${a.kind} #${a.i}`)).toEqual([]);
    expect(answers.filter((a) => a.body.code === 'COMPLAINT.BEFORE_PREVIOUS_STEP').map((a) => `${a.kind} #${a.i}`)).toEqual([]);
  });

  it('honours If-Match: a success under If-Match "n" is revision n + 1; a 412 changed nothing', () => {
    for (const a of answers.filter((x) => x.ifMatch !== null && x.status === 200)) expect(a.body.revision).toBe(a.ifMatch! + 1);
    for (const a of answers.filter((x) => x.status === 412)) expect(stream.filter((e) => e.metadata.correlationId === a.correlationId)).toEqual([]);
  });

  it('stores exactly one event per successful command and none for a refused one: no event lost, none doubled', () => {
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
    expect(stream[0].type).toBe('ComplaintReceived');
    const effects = new Map<string, Answered>();
    for (const a of answers.filter((x) => x.status === 200)) effects.set(a.idempotencyKey ?? a.correlationId, a);
    expect(stream.length - 1).toBe(effects.size);

    for (const a of answers) {
      const mine = stream.filter((e) => e.metadata.correlationId === a.correlationId);
      if (a.status !== 200) {
        // A refused twin of a keyed pair shares its correlation id with the success.
        if (a.idempotencyKey === null) expect(mine).toEqual([]);
        continue;
      }
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ type: EVENT_OF[a.kind], revision: a.body.revision });
      expect(a.body.id).toBe(complaintId);
    }
    // The twins with one Idempotency-Key had one effect at most. Two successes are one
    // answer (the second replays the first). Only successes are remembered, so a twin
    // that ran first on a state that refused it (409/412/404) may see its twin succeed
    // once the state allows it: still one effect, never two.
    const byKey = new Map<string, Answered[]>();
    for (const a of answers.filter((x) => x.idempotencyKey)) byKey.set(a.idempotencyKey!, [...(byKey.get(a.idempotencyKey!) ?? []), a]);
    expect(byKey.size).toBeGreaterThan(5);
    for (const [, twins] of byKey) {
      expect(twins).toHaveLength(2);
      const succeeded = twins.filter((t) => t.status === 200);
      if (succeeded.length === 2) expect(succeeded[1].body).toEqual(succeeded[0].body);
      for (const t of twins) expect([200, 404, 409, 412]).toContain(t.status);
      const effects = stream.filter((e) => e.metadata.correlationId === twins[0].correlationId);
      expect(effects).toHaveLength(succeeded.length > 0 ? 1 : 0);
    }
  });

  it('leaves a history that obeys the lifecycle: one acknowledgement first (R-CP-1), one escalation (R-CP-3), solutions after an investigation (R-CP-5), one awaiting an answer at a time, steps in time order', () => {
    let status = 'received';
    let acknowledgements = 0;
    let escalations = 0;
    const solutions: string[] = [];
    const violations: string[] = [];
    for (const e of stream.slice(1)) {
      const at = `${e.type} at revision ${e.revision} (status ${status})`;
      switch (e.type) {
        case 'ComplaintAcknowledged':
          acknowledgements++;
          if (status !== 'received') violations.push(`R-CP-1 acknowledged twice: ${at}`);
          status = 'acknowledged';
          break;
        case 'InterimReplySent':
          if (status === 'received' || status === 'resolved' || status === 'closed') violations.push(`R-CP-2 interim reply out of turn: ${at}`);
          break;
        case 'ComplaintEscalated':
          escalations++;
          if (escalations > 1) violations.push(`R-CP-3 escalated twice: ${at}`);
          break;
        case 'ComplaintInvestigated':
          if (!['acknowledged', 'investigating', 'rejected'].includes(status)) violations.push(`R-CP-5 investigation out of turn: ${at}`);
          status = 'investigating';
          break;
        case 'SolutionProposed':
          if (!['investigating', 'rejected'].includes(status)) violations.push(`R-CP-5 solution without an investigation or while one is pending: ${at}`);
          if (e.data.solutionNo !== solutions.length + 1) violations.push(`solution numbered ${e.data.solutionNo}, expected ${solutions.length + 1}`);
          solutions.push('pending');
          status = 'solution_proposed';
          break;
        case 'SolutionRejected': {
          const no = e.data.solutionNo as number;
          if (solutions[no - 1] !== 'pending') violations.push(`rejected solution ${no} that was ${solutions[no - 1] ?? 'never proposed'}: ${at}`);
          solutions[no - 1] = 'rejected';
          status = 'rejected';
          break;
        }
        default:
          violations.push(`unexpected ${at}`);
      }
    }
    for (let r = 1; r < stream.length; r++) {
      if (String(stream[r].metadata.occurredAt) < String(stream[r - 1].metadata.occurredAt)) violations.push(`step at revision ${r} dated before the one it follows`);
    }
    expect(violations).toEqual([]);
    expect(acknowledgements).toBe(1);
    expect(escalations).toBeLessThanOrEqual(1);
    expect(solutions.filter((s) => s === 'pending').length).toBeLessThanOrEqual(1);
    expect(solutions.length).toBeGreaterThanOrEqual(1);
  });

  it('gives a read model equal to the stream: same revision, timeline, status and solutions', () => {
    expect(view.revision).toBe(stream.length - 1);
    expect(view.timeline.map((t: { type: string; revision: number }) => [t.type, t.revision])).toEqual(stream.map((e) => [e.type, e.revision]));
    const proposed = stream.filter((e) => e.type === 'SolutionProposed').map((e) => e.data.solutionNo);
    expect(view.solutions.map((s: { solutionNo: number }) => s.solutionNo)).toEqual(proposed);
    const last = [...stream].reverse().find((e) => e.type !== 'InterimReplySent' && e.type !== 'ComplaintEscalated')!;
    const statusOf: Record<string, string> = {
      ComplaintAcknowledged: 'acknowledged',
      ComplaintInvestigated: 'investigating',
      SolutionProposed: 'solution_proposed',
      SolutionRejected: 'rejected',
      ComplaintReceived: 'received',
    };
    expect(view.status).toBe(statusOf[last.type]);
  });
});
