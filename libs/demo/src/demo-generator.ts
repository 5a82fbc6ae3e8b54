import type { CommandBus } from '@nestjs/cqrs';
import { DomainError, FixedClock, Role, type Actor } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { CommandContext, Principal } from '@aftercare/platform';
import type { CallbackQueueQuery } from '@aftercare/callbacks';
// The generator is a client of the contexts' real command handlers, as their
// HTTP controllers are: it sends the same command objects on the CommandBus.
import { memberIdFor } from '@aftercare/membership';
import { RegisterDealerCommand } from '@aftercare/dealers';
import { RegisterCustomerCommand, RegisterVehicleCommand, RecordVisitCommand, BookAppointmentCommand, RecordAppointmentOutcomeCommand } from '@aftercare/customers';
import { ReceiveComplaintCommand, AcknowledgeComplaintCommand, SendInterimReplyCommand, InvestigateComplaintCommand, ProposeSolutionCommand, RejectSolutionCommand, AcceptSolutionCommand, ResolveComplaintCommand, CloseComplaintCommand } from '@aftercare/complaints';
import { ApplyGoodwillCompensationCommand, SignOffClaimCommand, SettleClaimCommand } from '@aftercare/claims';
import { ClaimCallbackCommand, RecordCallbackAttemptCommand } from '@aftercare/callbacks';
import { EnrolMemberCommand, RedeemPointsCommand } from '@aftercare/membership';
import { dealerId as dealerIdOf, dealerName, dealerRegion } from './catalogue';
import { Action, CustomerTimeline, DAY } from './customer-timeline';
import { Rng } from './prng';

const HOUR = 3_600_000;
/** Callback agents start the day's queue at 10:00 China time. */
const CALL_HOUR_UTC = 2;

export interface DemoOptions {
  dealers: number;
  customers: number;
  years: number;
  seed: string;
  /** Last simulated instant (ISO); default today 00:00 UTC. Fixing it fixes the data set. */
  end?: string;
  /** Customers worked side by side (their appends share SQLite group commits). */
  concurrency?: number;
  advisorsPerDealer?: number;
  agentsPerDealer?: number;
  /** Calls one agent works a day. */
  callsPerAgentPerDay?: number;
  onProgress?: (progress: DemoProgress) => void;
  signal?: { aborted: boolean };
}

/** What the generator needs of a booted app (the all-in-one host's providers). */
export interface DemoTarget {
  commands: CommandBus;
  clock: FixedClock;
  eventStore: EventStore;
  callbackQueue: CallbackQueueQuery;
  /** Every projection and reaction has handled every event appended so far. */
  caughtUp(): Promise<void>;
}

export interface DemoProgress {
  fraction: number;
  simulatedAt: string;
  events: number;
  commands: number;
  refused: number;
  elapsedMs: number;
}

export interface DemoResult {
  from: string;
  to: string;
  commands: Record<string, number>;
  /** Commands the domain refused (e.g. a step after an R-CP-3 escalation), by code. */
  refused: Record<string, number>;
  /** Events appended, including those the reactions appended (callback plans, escalations, complaints from calls). */
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  dealers: string[];
  interrupted: boolean;
}

interface CustomerRun {
  timeline: CustomerTimeline;
  dealerNo: number;
  customerId: string | null;
  appointments: Map<number, string>;
  complaints: Map<number, string>;
  /** A refused step makes the rest of that complaint's steps moot. */
  deadComplaints: Set<number>;
  deadAppointments: Set<number>;
  claims: Map<number, string>;
  deadClaims: Set<number>;
  member: boolean;
}

/**
 * Drives the real command handlers through a simulated dealer group's history:
 * customers (sorted by their next action in a heap) are worked one day at a
 * time, side by side, with the clock set to the end of that day and each fact's
 * own time as occurredAt; each morning the agents first work the callback queue
 * the reactions have built. Deterministic by seed: every business fact comes from
 * the customer's own seeded stream; event ids are derived from idempotency keys.
 */
export async function generateDemo(target: DemoTarget, options: DemoOptions): Promise<DemoResult> {
  const advisors = options.advisorsPerDealer ?? 5;
  const agents = options.agentsPerDealer ?? 3;
  const callsPerAgent = options.callsPerAgentPerDay ?? 60;
  const concurrency = options.concurrency ?? 64;
  const endDay = options.end ? Date.parse(options.end) : Math.floor(Date.now() / DAY) * DAY;
  if (Number.isNaN(endDay)) throw new Error(`end ${options.end} is not a date`);
  const window = { start: endDay - Math.round(options.years * 365) * DAY, end: endDay };
  const started = Date.now();
  const headBefore = await target.eventStore.headPosition();
  const commands: Record<string, number> = {};
  const refused: Record<string, number> = {};
  let commandCount = 0;
  let refusedCount = 0;
  const clock = target.clock;
  clock.set(new Date(window.start - DAY));

  const send = async (kind: string, command: object): Promise<any> => {
    commands[kind] = (commands[kind] ?? 0) + 1;
    commandCount++;
    try {
      return await target.commands.execute(command as never);
    } catch (err) {
      const code = err instanceof DomainError ? err.code : (err as { code?: string })?.code;
      if (!code) throw err;
      refused[`${kind}:${code}`] = (refused[`${kind}:${code}`] ?? 0) + 1;
      refusedCount++;
      return null;
    }
  };

  // Dealers, registered by an admin the day before the window opens.
  const admin: Actor = { id: 'demo-admin', role: 'admin', dealerId: null, region: null };
  const dealers: string[] = [];
  for (let d = 0; d < options.dealers; d++) {
    const id = dealerIdOf(d);
    dealers.push(id);
    await send('RegisterDealer', new RegisterDealerCommand(ctxOf(admin, `dealer:${id}`), { dealerId: id, name: dealerName(d), region: dealerRegion(d) }));
  }
  const staff = (dealerNo: number, role: Role, n: number): Actor => {
    const dealerId = dealerIdOf(dealerNo);
    const prefix = role === 'service_advisor' ? 'SA' : role === 'callback_agent' ? 'CA' : 'CSM';
    return { id: `${prefix}-${dealerId}-${n + 1}`, role, dealerId, region: null };
  };

  // Customers, each on its own seeded timeline, in a heap by their next action.
  const heap = new MinHeap<CustomerRun>((r) => r.timeline.peekAt());
  for (let c = 0; c < options.customers; c++) {
    const dealerNo = c % options.dealers;
    heap.push({
      timeline: new CustomerTimeline(options.seed, c, dealerNo, window, advisors),
      dealerNo, customerId: null, appointments: new Map(), complaints: new Map(), deadComplaints: new Set(), deadAppointments: new Set(), claims: new Map(), deadClaims: new Set(), member: false,
    });
  }

  const act = async (run: CustomerRun, action: Action): Promise<void> => {
    const t = run.timeline;
    const key = `${options.seed}:${t.customerNo}:${action.kind}:${action.at}`;
    const dealerId = dealerIdOf(run.dealerNo);
    const occurredAt = new Date(action.at).toISOString();
    switch (action.kind) {
      case 'register': {
        const res = await send('RegisterCustomer', new RegisterCustomerCommand(ctxOf(staff(run.dealerNo, 'service_advisor', t.usualAdvisor), key), dealerId, {
          name: t.name, phone: t.phone, gender: t.gender, birthDate: t.birthDate,
          bestContactTime: new Rng(options.seed, 'contact', t.customerNo).pick(['weekday evenings', 'weekends', 'any time', null]),
        }));
        run.customerId = res?.id ?? null;
        return;
      }
      case 'vehicle': {
        if (!run.customerId) return;
        const v = t.vehicles[action.vehicle];
        await send('RegisterVehicle', new RegisterVehicleCommand(ctxOf(staff(run.dealerNo, 'service_advisor', t.usualAdvisor), key), run.customerId, {
          vin: v.vin, plate: v.plate, model: v.model.name, colour: v.colour, modelYear: v.modelYear,
          purchaseDate: day(v.purchaseDate), deliveredAt: day(v.deliveredAt), purchaseMethod: new Rng(options.seed, 'purchase', t.customerNo, action.vehicle).pick(['cash', 'loan', 'loan', 'lease'] as const),
          price: v.model.price, warrantyMonths: v.model.warrantyMonths, warrantyKm: v.model.warrantyKm,
          insurer: v.insurer, insuranceExpiry: day(v.insuranceExpiry),
        }));
        return;
      }
      case 'book': {
        if (!run.customerId) return;
        const res = await send('BookAppointment', new BookAppointmentCommand(ctxOf(staff(run.dealerNo, 'service_advisor', t.usualAdvisor), key), run.customerId, new Date(action.scheduledFor).toISOString(), action.purpose));
        if (res?.id) run.appointments.set(action.appointment, res.id);
        return;
      }
      case 'outcome': {
        const appointmentId = run.appointments.get(action.appointment);
        if (!appointmentId) return;
        await send('RecordAppointmentOutcome', new RecordAppointmentOutcomeCommand(ctxOf(staff(run.dealerNo, 'service_advisor', t.usualAdvisor), key),
          action.kept ? { appointmentId, outcome: 'kept' } : { appointmentId, outcome: 'missed', excuse: action.excuse }));
        return;
      }
      case 'visit': {
        if (!run.customerId) return;
        const advisor = staff(run.dealerNo, 'service_advisor', action.advisor);
        await send('RecordVisit', new RecordVisitCommand(ctxOf(advisor, key), {
          vin: t.vehicles[action.vehicle].vin, occurredAt, odometerKm: action.km, type: action.type, amount: action.amount, advisorId: advisor.id,
        }));
        return;
      }
      case 'complaint':
        return complaintStep(run, action, key, occurredAt);
      case 'claim':
        return claimStep(run, action, key);
      case 'enrol': {
        if (!run.customerId) return;
        const res = await send('EnrolMember', new EnrolMemberCommand(ctxOf(staff(run.dealerNo, 'service_advisor', t.usualAdvisor), key), run.customerId));
        run.member = !!res;
        return;
      }
      case 'redeem':
        if (!run.customerId || !run.member) return;
        await send('RedeemPoints', new RedeemPointsCommand(ctxOf(staff(run.dealerNo, 'service_advisor', t.usualAdvisor), key), memberIdFor(run.customerId), { points: action.points, reward: action.reward }));
        return;
    }
  };

  const complaintStep = async (run: CustomerRun, action: Extract<Action, { kind: 'complaint' }>, key: string, occurredAt: string) => {
    if (!run.customerId || run.deadComplaints.has(action.complaint)) return;
    const t = run.timeline;
    const csm = staff(run.dealerNo, 'customer_service_manager', 0);
    const front = staff(run.dealerNo, 'service_advisor', t.usualAdvisor);
    const d = action.data as Record<string, any>;
    const id = run.complaints.get(action.complaint);
    if (action.step !== 'receive' && !id) return;
    let res: unknown;
    switch (action.step) {
      case 'receive': {
        const r = await send('ReceiveComplaint', new ReceiveComplaintCommand(ctxOf(front, key), dealerIdOf(run.dealerNo), {
          customerId: run.customerId, vin: d.vin, channel: d.channel, subject: d.subject, description: d.description,
          expectedResolution: d.expectedResolution, severity: d.severity, occurredAt,
        }));
        if (r?.id) run.complaints.set(action.complaint, r.id);
        res = r;
        break;
      }
      case 'acknowledge':
        res = await send('AcknowledgeComplaint', new AcknowledgeComplaintCommand(ctxOf(front, key), id!, { message: d.message, replyBy: new Date(action.at + d.replyByDays * DAY).toISOString(), occurredAt }));
        break;
      case 'interim_reply':
        res = await send('SendInterimReply', new SendInterimReplyCommand(ctxOf(csm, key), id!, { message: d.message, occurredAt }));
        break;
      case 'investigate':
        res = await send('InvestigateComplaint', new InvestigateComplaintCommand(ctxOf(csm, key), id!, { rootCause: d.rootCause, responsibleParty: d.responsibleParty, findings: d.findings, occurredAt }));
        break;
      case 'propose':
        res = await send('ProposeSolution', new ProposeSolutionCommand(ctxOf(csm, key), id!, { description: d.description, compensationAmount: d.compensationAmount, occurredAt }));
        break;
      case 'reject':
        res = await send('RejectSolution', new RejectSolutionCommand(ctxOf(front, key), id!, { solutionNo: d.solutionNo, reason: d.reason, occurredAt }));
        break;
      case 'accept':
        res = await send('AcceptSolution', new AcceptSolutionCommand(ctxOf(front, key), id!, { solutionNo: d.solutionNo, occurredAt }));
        break;
      case 'resolve':
        res = await send('ResolveComplaint', new ResolveComplaintCommand(ctxOf(csm, key), id!, { summary: d.summary, occurredAt }));
        break;
      case 'close':
        res = await send('CloseComplaint', new CloseComplaintCommand(ctxOf(csm, key), id!, { occurredAt }));
        break;
    }
    if (!res) run.deadComplaints.add(action.complaint);
  };

  const claimStep = async (run: CustomerRun, action: Extract<Action, { kind: 'claim' }>, key: string) => {
    const complaintId = run.complaints.get(action.complaint);
    if (!complaintId || run.deadClaims.has(action.complaint)) return;
    const dealerId = dealerIdOf(run.dealerNo);
    const region = dealerRegion(run.dealerNo);
    const d = action.data as Record<string, any>;
    let res: unknown;
    if (action.step === 'apply') {
      const director: Actor = { id: `SD-${dealerId}-1`, role: 'service_director', dealerId, region: null };
      res = await send('ApplyGoodwillCompensation', new ApplyGoodwillCompensationCommand(ctxOf(director, key), { complaintId, amount: d.amount, currency: d.currency, breakdown: d.breakdown } as never));
      if ((res as { id?: string } | null)?.id) run.claims.set(action.complaint, (res as { id: string }).id);
    } else {
      const claimId = run.claims.get(action.complaint);
      if (!claimId) return;
      const role = action.step === 'settle' ? 'product_liability' : action.step;
      const oem: Actor = { id: `${role}-${region}-1`, role: role as Role, dealerId: null, region };
      res = action.step === 'settle'
        ? await send('SettleClaim', new SettleClaimCommand(ctxOf(oem, key), claimId, { amount: d.amount } as never))
        : await send('SignOffClaim', new SignOffClaimCommand(ctxOf(oem, key), claimId, { decision: d.decision, comment: d.decision === 'reject' ? 'not a product defect' : undefined } as never));
    }
    if (!res) run.deadClaims.add(action.complaint);
  };

  /**
   * The morning's calls: every dealer's agents work the queue due by now, up to
   * their capacity, one call every few minutes (the clock follows the calls).
   * The queue is read as the projection has it: callbacks fall due days after
   * their causes, so a projection a few seconds behind changes nothing.
   */
  const workCallbacks = async (callAt: number) => {
    const queues = await Promise.all(
      dealers.map(async (dealerId) => {
        const principal: Principal = { sub: `CSM-${dealerId}-1`, role: 'customer_service_manager', dealerId, region: null, exp: null };
        const page = await target.callbackQueue.queue(principal, { dealerId, asOf: new Date(callAt).toISOString(), limit: Math.min(500, agents * callsPerAgent) });
        return page.items.filter((cb) => cb.status === 'scheduled');
      }),
    );
    // Claimed at the start of the shift, all at once (their appends share group
    // commits); each call made a few minutes after the previous one.
    if (clock.now().getTime() < callAt) clock.set(new Date(callAt));
    const calls = queues.flatMap((queue, dealerNo) =>
      queue.map((cb, i) => {
        const agent: Actor = cb.assigneeId ? { id: cb.assigneeId, role: 'service_advisor', dealerId: dealers[dealerNo], region: null } : staff(dealerNo, 'callback_agent', i % agents);
        const key = `${options.seed}:call:${cb.id}:${callAt}`;
        return { cb, agent, key, at: callAt + (Math.floor(i / agents) * 8 * HOUR) / Math.max(1, Math.ceil(queue.length / agents)) + 60_000 };
      }),
    );
    const claimed = await Promise.all(calls.map((c) => send('ClaimCallback', new ClaimCallbackCommand(ctxOf(c.agent, `${c.key}:claim`), c.cb.id))));
    clock.set(new Date(callAt + 8 * HOUR + 2 * 60_000));
    await Promise.all(
      calls.map((c, i) =>
        claimed[i]
          ? send('RecordCallbackAttempt', new RecordCallbackAttemptCommand(ctxOf(c.agent, `${c.key}:attempt`), c.cb.id, { ...callOutcome(new Rng(c.key), c.cb.type), occurredAt: new Date(c.at).toISOString() }))
          : null,
      ),
    );
  };

  // The simulation: one day at a time, the morning's calls first.
  let lastCallDay = -1;
  let interrupted = false;
  const totalSpan = window.end - window.start;
  const report = async (now: number) => {
    if (!options.onProgress) return;
    options.onProgress({
      fraction: Math.min(1, Math.max(0, (now - window.start) / totalSpan)), simulatedAt: new Date(now).toISOString(),
      events: (await target.eventStore.headPosition()) - headBefore, commands: commandCount, refused: refusedCount, elapsedMs: Date.now() - started,
    });
  };
  let lastReport = 0;
  while (heap.size > 0) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    const nextAt = heap.peekKey();
    if (!Number.isFinite(nextAt) || nextAt >= window.end) break;
    // A whole day per step: the day's facts keep their own time (occurredAt), the
    // clock reads the day's end, and the customers' appends share group commits.
    const slotStart = Math.floor(nextAt / DAY) * DAY;
    const slotEnd = slotStart + DAY;
    // The calls of every morning up to this day's.
    const today = Math.floor(slotStart / DAY);
    for (let d = lastCallDay < 0 ? Math.floor(window.start / DAY) : lastCallDay + 1; d <= today; d++) {
      const callAt = d * DAY + CALL_HOUR_UTC * HOUR;
      if (callAt < window.start || callAt > slotStart + CALL_HOUR_UTC * HOUR) continue;
      // The queue the agents see must not depend on how far the reactions got: let
      // them catch up first (deterministic by seed, at the cost of a pause a day).
      await target.caughtUp();
      await workCallbacks(callAt);
      lastCallDay = d;
    }
    if (clock.now().getTime() < slotEnd - 1) clock.set(new Date(slotEnd - 1));
    const due: CustomerRun[] = [];
    while (heap.size > 0 && heap.peekKey() < slotEnd) due.push(heap.pop()!);
    await pool(due, concurrency, async (run) => {
      for (let action = run.timeline.next(slotEnd - 1); action; action = run.timeline.next(slotEnd - 1)) await act(run, action);
    });
    for (const run of due) if (Number.isFinite(run.timeline.peekAt())) heap.push(run);
    if (Date.now() - lastReport > 500) {
      lastReport = Date.now();
      await report(slotEnd);
    }
  }
  clock.set(new Date(Math.max(clock.now().getTime(), window.end)));
  await target.caughtUp();
  await report(window.end);
  const elapsedMs = Date.now() - started;
  const events = (await target.eventStore.headPosition()) - headBefore;
  return {
    from: new Date(window.start).toISOString(), to: new Date(window.end).toISOString(), commands, refused, events, elapsedMs,
    eventsPerSecond: events / (elapsedMs / 1000), dealers, interrupted,
  };
}

function ctxOf(actor: Actor, idempotencyKey: string): CommandContext {
  return { actor, correlationId: `demo-${idempotencyKey}`, causationId: null, idempotencyKey, expectedRevision: null };
}

function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** R-CB-12/13: most customers answer; scores lean satisfied; some criticism, a few complaints. */
function callOutcome(rng: Rng, type: string) {
  if (!rng.chance(0.78)) return { reached: false, notes: rng.pick(['no answer', 'line busy', 'switched off']) };
  const satisfaction = Number(rng.weighted({ 5: 46, 4: 30, 3: 12, 2: 7, 1: 5 }));
  const feedback =
    satisfaction <= 2 ? rng.weighted({ criticism: 60, complaint: 20, suggestion: 20 }) : satisfaction >= 4 && rng.chance(0.18) ? 'praise' : rng.chance(0.08) ? 'suggestion' : undefined;
  const scored = type === 'post_service' && rng.chance(0.7);
  const score = () => Math.max(1, Math.min(10, Math.round(satisfaction * 2 - rng.float() * 2 + 0.5)));
  return {
    reached: true, satisfaction, feedback: feedback as never,
    ...(scored ? { csi: { customer_friendliness: score(), service_initiative: score(), service_supervision: score(), repair_process_experience: score(), product_problems: score(), service_quality: score(), vehicle_pickup: score() } } : {}),
    ...(feedback === 'complaint' ? { complaint: { subject: 'repair_quality', expectedResolution: 'check the car again', severity: 'normal' as const } } : {}),
  };
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/** A binary heap keyed by a function of the item, read when the item is pushed. */
class MinHeap<T> {
  private items: Array<{ key: number; item: T }> = [];
  constructor(private readonly keyOf: (item: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  peekKey(): number {
    return this.items.length ? this.items[0].key : Infinity;
  }
  push(item: T): void {
    const a = this.items;
    a.push({ key: this.keyOf(item), item });
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p].key <= a[i].key) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const top = a[0].item;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].key < a[m].key) m = l;
        if (r < a.length && a[r].key < a[m].key) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
