import { Actor, Clock, deterministicUuid, NewEvent, RecordedEvent } from '@aftercare/kernel';
import { WrongExpectedRevisionError, type EventStore } from '@aftercare/event-store';
import type { CommandContext, CommandRunner } from '@aftercare/platform';
import { customerStream, vehicleStream } from '@aftercare/customers';
import type { CallbackEvent } from '../domain/callback.events';
import { evolveCallback, initialCallbackState, CallbackState } from '../domain/callback.state';
import { callbackStream, carePlanStream } from '../domain/callback.streams';
import { CARE_SCHEDULE, CareSchedule } from '../domain/care-schedule';
import { CustomerFacts, evolveCustomerFacts, evolveVehicleFacts, initialCustomerFacts, initialVehicleFacts, VehicleFacts } from '../domain/care-facts';
import type { CarePlanRevised } from '../domain/care-plan.events';
import { CarePlanState, evolveCarePlan, initialCarePlanState } from '../domain/care-plan.state';
import { decideAdjustPlannedCallback, AdjustPlannedCallback } from '../adjust-planned-callback/adjust-planned-callback.command';
import { scheduledFromPlan } from '../schedule-callback/schedule-callback.command';
import { Cause, planCareCalls, PlanInput, Revision } from './care-call.planner';
import { BoundedCache, commandEnvelopes, FactsAtCause, KnownStream } from './known-streams';

/** The events the scheduler reacts to. Complaints are subscribed by type string: no import of that context. */
export const CARE_CAUSES = [
  'CustomerRegistered',
  'CustomerFlaggedSensitive',
  'ContactPreferencesSet',
  'VehicleRegistered',
  'VisitRecorded',
  'ComplaintResolved',
  'CareEventAnnounced',
  'CallbackCompleted',
  'CallbackUnreachable',
  // R-SG-1: published by segmentation (`segment-<customerId>`), subscribed by type string.
  'CustomerSegmentChanged',
] as const;

export interface CareSchedulerOptions {
  eventStore: EventStore;
  runner: CommandRunner;
  clock: Clock;
  schedule?: CareSchedule;
  /**
   * Causes decided together: the scheduler reads ahead of the event it is
   * handed, so a window's appends share group commits. Default 1000.
   */
  windowSize?: number;
  /** Care plans (and customer and vehicle files) kept in memory, and 4× as many callbacks. Default 20,000. */
  cacheSize?: number;
}

interface Target {
  customerId: string;
  vin?: string;
  extra?: Partial<PlanInput>;
}

interface Effect {
  revision: Revision;
  revisionEventId: string;
  cause: RecordedEvent;
  /** Decided just now (its planned calls do not exist yet), not re-applied from the stored plan. */
  fresh: boolean;
}

interface Decidable {
  customerId: string;
  cause: RecordedEvent;
  target: Target;
  customer: CustomerFacts;
  vehicle: VehicleFacts | undefined;
}

type KnownPlan = KnownStream<CarePlanState> & { latestCausePosition: number };

/** One change of one callback's stream, decidable on a state in memory or through the CommandRunner. */
interface EffectStep {
  ctx: CommandContext;
  occurredAt: string;
  dealerId: (state: CallbackState) => string | null;
  decide: (state: CallbackState) => CallbackEvent[];
  /** The step plans a call: its stream does not exist unless an earlier run created it. */
  creates: boolean;
  /** The cause's position: what the step appends is named in log order (orderedUuid). */
  order: number;
}

/**
 * The process manager behind R-CB-1…10 (ARCHITECTURE.md: reactions append their
 * own events with causation ids). For each cause it folds the customer's care
 * plan and the customer file as they were at the cause's position, lets the pure
 * planner decide, appends the decision to `careplan-<customerId>` and then makes
 * it true in the callbacks' streams, all through the CommandRunner.
 *
 * At-least-once: the plan's revision id and every callback id derive from the
 * cause, a cause already in the plan is not decided again (only its effects are
 * re-applied, which append nothing when present), and effects follow the stored
 * decision, so a crash at any point leaves nothing half-decided.
 *
 * Throughput: handed one event, it reads ahead up to `windowSize` causes and
 * decides them all, so the appends of a window go out together (the SQLite
 * store commits concurrent appends in one transaction) and the events it
 * already handled are acknowledged at once when the runner hands them over.
 * It remembers the plans and callbacks it wrote with their revisions and the
 * customer files as its causes advanced them (known-streams.ts), so a window is
 * decided in memory and written with one append per stream; a stream changed by
 * someone else meanwhile fails the revision check and goes the read-decide-append
 * way above, through the CommandRunner.
 */
export class CareScheduler {
  private doneUpTo = -1;
  private readonly schedule: CareSchedule;
  private readonly windowSize: number;
  /** Care plans and callbacks as this scheduler last wrote them (known-streams.ts). */
  private readonly plans: BoundedCache<string, KnownPlan>;
  /** About eight callbacks per plan: a visit plans six lapsed calls, the post-service call and a greeting or reminder. */
  private readonly callbacks: BoundedCache<string, KnownStream<CallbackState>>;
  /** The customer file as of each cause, advanced by the causes themselves (they are every event it folds). */
  private readonly customerFacts: FactsAtCause<CustomerFacts>;
  private readonly vehicleFacts: FactsAtCause<VehicleFacts>;

  constructor(private readonly options: CareSchedulerOptions) {
    this.schedule = options.schedule ?? CARE_SCHEDULE;
    this.windowSize = Math.max(1, options.windowSize ?? 1000);
    this.plans = new BoundedCache(options.cacheSize ?? 20_000);
    this.callbacks = new BoundedCache(8 * (options.cacheSize ?? 20_000));
    this.customerFacts = new FactsAtCause(options.eventStore, evolveCustomerFacts, initialCustomerFacts, options.cacheSize ?? 20_000);
    this.vehicleFacts = new FactsAtCause(options.eventStore, evolveVehicleFacts, initialVehicleFacts, options.cacheSize ?? 20_000);
  }

  async handle(event: RecordedEvent): Promise<void> {
    if (event.position <= this.doneUpTo) return;
    let window = await this.readWindow(event);
    try {
      await this.decideWindow(window);
    } catch (err) {
      if (window.length === 1) throw err;
      // A cause that cannot be decided must fail alone (and be parked alone), not its whole window.
      window = [event];
      await this.decideWindow(window);
    }
    this.doneUpTo = window[window.length - 1].position;
  }

  private async readWindow(first: RecordedEvent): Promise<RecordedEvent[]> {
    const window = [first];
    if (this.windowSize === 1) return window;
    const more = this.options.eventStore.readAll({ from: first.position + 1, filter: { types: [...CARE_CAUSES] }, limit: this.windowSize - 1 });
    for await (const e of more) window.push(e);
    return window;
  }

  private async decideWindow(window: RecordedEvent[]): Promise<void> {
    try {
      await this.decideWindowOnce(window);
    } catch (err) {
      // Whatever was half-written, the stores are the truth again: read them afresh.
      this.plans.clear();
      this.callbacks.clear();
      this.customerFacts.clear();
      this.vehicleFacts.clear();
      throw err;
    }
  }

  private async decideWindowOnce(window: RecordedEvent[]): Promise<void> {
    // Who each cause concerns, in log order, grouped by customer.
    const byCustomer = new Map<string, { cause: RecordedEvent; target: Target }[]>();
    for (const cause of window) {
      if (cause.type === 'CallbackCompleted' || cause.type === 'CallbackUnreachable') this.callbacks.delete(String((cause.data as { callbackId: string }).callbackId));
      for (const target of await this.targetsOf(cause)) {
        let list = byCustomer.get(target.customerId);
        if (!list) byCustomer.set(target.customerId, (list = []));
        list.push({ cause, target });
      }
    }
    // Each customer's causes decided in memory on the plan it last wrote, then one
    // append per customer, all in the same tick, so they share one commit.
    const decided = await Promise.all(
      [...byCustomer].map(async ([customerId, causes]) => {
        const inputs: Decidable[] = [];
        for (const { cause, target } of causes) {
          const customer = await this.customerFacts.at(customerStream(customerId), cause);
          const vehicle = target.vin ? await this.vehicleFacts.at(vehicleStream(target.vin), cause) : undefined;
          inputs.push({ customerId, cause, target, customer, vehicle });
        }
        return { customerId, inputs, known: await this.knownPlan(customerId, causes) };
      }),
    );
    const effects: Effect[] = [];
    await Promise.all(
      decided.map(async ({ customerId, inputs, known }) => {
        const fast = known ? this.decideInMemory(customerId, inputs, known) : null;
        if (fast) {
          try {
            effects.push(...(await fast.append()));
            return;
          } catch (err) {
            if (!(err instanceof WrongExpectedRevisionError)) throw err;
            // Someone else wrote to the plan (a manual call adopted): read it and decide again.
          }
        }
        this.plans.delete(customerId);
        for (const input of inputs) {
          const effect = await this.decide(input.customerId, input.cause, input.target, input.customer, input.vehicle);
          if (effect) effects.push(effect);
        }
      }),
    );
    await this.applyEffects(effects);
  }

  /**
   * The customer's plan as the scheduler last left it, read once when it is not
   * in memory. Null when the window's causes cannot be decided on it: one of them
   * is already in the plan (a re-delivery: its stored decision is re-applied) or
   * the plan holds a decision on a later cause (a manual call adopted while the
   * scheduler was behind), which the plan read up to each cause handles.
   */
  private async knownPlan(customerId: string, causes: { cause: RecordedEvent }[]): Promise<KnownPlan | null> {
    let known = this.plans.get(customerId);
    if (!known) {
      const stored = await this.options.eventStore.readStream(carePlanStream(customerId));
      let plan = initialCarePlanState();
      let latest = -1;
      for (const e of stored) {
        plan = evolveCarePlan(plan, e as unknown as CarePlanRevised);
        latest = Math.max(latest, (e.data as Revision).causePosition);
      }
      known = { state: plan, revision: stored.length ? stored[stored.length - 1].revision : -1, latestCausePosition: latest };
      this.plans.set(customerId, known);
    }
    for (const { cause } of causes) {
      if (known.state.handled[cause.metadata.eventId] || known.latestCausePosition >= cause.position) return null;
    }
    return known;
  }

  /** Plans each cause on the plan the previous one left; `append` writes them all with the plan's known revision. */
  private decideInMemory(customerId: string, inputs: Decidable[], known: KnownPlan): { append: () => Promise<Effect[]> } | null {
    let plan = known.state;
    const revisions: { revision: Revision; input: Decidable; id: string }[] = [];
    for (const input of inputs) {
      const revision = planCareCalls({
        cause: causeOf(input.cause),
        customer: input.customer,
        plan,
        vehicle: input.vehicle,
        schedule: this.schedule,
        ...input.target.extra,
      });
      if (!revision) continue;
      plan = evolveCarePlan(plan, { type: 'CarePlanRevised', data: revision });
      revisions.push({ revision, input, id: revisionEventId(input.cause.metadata.eventId, customerId) });
    }
    if (!revisions.length) return { append: async () => [] };
    const stream = carePlanStream(customerId);
    const recordedAt = this.options.clock.now().toISOString();
    const envelopes = revisions.flatMap(({ revision, input, id }) =>
      commandEnvelopes(this.ctxOf(input.cause, String(input.cause.metadata.dealerId ?? ''), id), stream, [{ type: 'CarePlanRevised', data: revision } satisfies CarePlanRevised], {
        occurredAt: causeOccurredAt(input.cause, this.options.clock),
        recordedAt,
        dealerId: revision.dealerId,
        order: input.cause.position,
      }),
    );
    const latestCausePosition = inputs[inputs.length - 1].cause.position;
    return {
      append: async () => {
        const result = await this.options.eventStore.append(stream, envelopes, { expectedRevision: known.revision < 0 ? 'no_stream' : known.revision });
        this.plans.set(customerId, { state: plan, revision: result.nextRevision, latestCausePosition });
        return revisions.map(({ revision, input, id }) => ({ revision, revisionEventId: id, cause: input.cause, fresh: true }));
      },
    };
  }

  /**
   * Decides one cause for one customer inside the CommandRunner, on the care
   * plan it has just read: a cause already in the plan is answered from the plan
   * (its effects are re-applied), a new one is planned on the plan as it was
   * before the cause's position and appended with the revision read.
   */
  private async decide(customerId: string, cause: RecordedEvent, target: Target, customer: CustomerFacts, vehicle: VehicleFacts | undefined): Promise<Effect | null> {
    const id = revisionEventId(cause.metadata.eventId, customerId);
    let decided: Revision | null = null;
    const result = await this.options.runner.run(this.ctxOf(cause, String(cause.metadata.dealerId ?? ''), id), {
      stream: carePlanStream(customerId),
      initialState: (): RecordedEvent[] => [],
      // The runner hands every stored revision over; the plan is folded below, up to the cause.
      evolve: (read: RecordedEvent[], e: CarePlanRevised) => (read.push(e as unknown as RecordedEvent), read),
      dealerId: (read) => (decided ?? (read[0]?.data as Revision | undefined))?.dealerId ?? null,
      occurredAt: causeOccurredAt(cause, this.options.clock),
      decide: (read) => {
        const stored = read.find((e) => (e.data as Revision).causationEventId === cause.metadata.eventId);
        if (stored) {
          decided = stored.data as Revision;
          return [];
        }
        let plan = initialCarePlanState();
        for (const e of read) if ((e.data as Revision).causePosition < cause.position) plan = evolveCarePlan(plan, e as unknown as CarePlanRevised);
        decided = planCareCalls({
          cause: causeOf(cause),
          customer,
          plan,
          vehicle,
          schedule: this.schedule,
          ...target.extra,
        });
        return decided ? [{ type: 'CarePlanRevised', data: decided } satisfies CarePlanRevised] : [];
      },
    });
    // An Idempotency-Key replay returns the stored revision without deciding.
    const revision = decided ?? (result.replayed ? ((result.events[0] as unknown as RecordedEvent | undefined)?.data as Revision | undefined) ?? null : null);
    return revision ? { revision, revisionEventId: id, cause, fresh: false } : null;
  }

  /** Which customers' plans a cause concerns, and what else the planner needs to know of it. */
  private async targetsOf(cause: RecordedEvent): Promise<Target[]> {
    const d = cause.data as Record<string, unknown>;
    const store = this.options.eventStore;
    switch (cause.type) {
      case 'CustomerRegistered':
      case 'CustomerFlaggedSensitive':
      case 'ContactPreferencesSet':
      case 'CustomerSegmentChanged':
        return [{ customerId: String(d.customerId) }];
      case 'VehicleRegistered':
      case 'VisitRecorded':
        return [{ customerId: String(d.customerId), vin: String(d.vin) }];
      case 'ComplaintResolved': {
        // The complaint's intake (first event of its stream) says whose it is.
        const [received] = await store.readStream(`complaint-${String(d.complaintId)}`, { limit: 1 });
        if (!received || received.type !== 'ComplaintReceived') return [];
        const r = received.data as { customerId: string; vin: string | null };
        return [{ customerId: r.customerId, extra: { complaint: { complaintId: String(d.complaintId), vin: r.vin ?? null } } }];
      }
      case 'CareEventAnnounced': {
        const careEvent = { careEventId: String(d.careEventId), startsAt: String(d.startsAt), title: String(d.title) };
        return (d.customerIds as string[]).map((customerId) => ({ customerId, extra: { careEvent } }));
      }
      case 'CallbackCompleted':
      case 'CallbackUnreachable': {
        const events = await store.readStream(callbackStream(String(d.callbackId)));
        const callback = foldUpTo(events, cause.position, (s: CallbackState, e) => evolveCallback(s, e as unknown as CallbackEvent), initialCallbackState);
        return callback.customerId ? [{ customerId: callback.customerId, extra: { callback } }] : [];
      }
      default:
        return [];
    }
  }

  /**
   * Makes the stored decisions true in the callbacks' streams: per stream, its
   * steps in order. A stream the scheduler knows (it wrote it last, or it is a
   * call this window plans) is decided in memory and written in one append with
   * the known revision, every stream in the same tick (one group commit); any
   * other stream, or one that changed meanwhile, step by step through the
   * CommandRunner, which reads it first.
   */
  private async applyEffects(effects: Effect[]): Promise<void> {
    const streams = new Map<string, EffectStep[]>();
    const add = (callbackId: string, step: EffectStep) => {
      let steps = streams.get(callbackId);
      if (!steps) streams.set(callbackId, (steps = []));
      steps.push(step);
    };
    for (const { revision, revisionEventId: revId, cause, fresh } of effects) {
      const occurredAt = causeOccurredAt(cause, this.options.clock);
      for (const call of revision.planned) {
        const scheduled = scheduledFromPlan(call, revision);
        add(call.callbackId, {
          ctx: this.ctxOf(cause, revision.dealerId, `${revId}:scheduled:${call.callbackId}`),
          occurredAt,
          dealerId: () => revision.dealerId,
          decide: (state) => (state.exists ? [] : [scheduled]),
          creates: fresh,
          order: cause.position,
        });
      }
      const adjust = (callbackId: string, command: AdjustPlannedCallback) =>
        add(callbackId, {
          ctx: this.ctxOf(cause, revision.dealerId, `${revId}:${command.kind}:${callbackId}`),
          occurredAt,
          dealerId: (s) => s.dealerId ?? revision.dealerId,
          decide: (state) => decideAdjustPlannedCallback(command, state),
          creates: false,
          order: cause.position,
        });
      const causationEventId = revision.causationEventId;
      for (const r of revision.rescheduled) adjust(r.callbackId, { kind: 'reschedule', causationEventId, ...r });
      for (const r of revision.reprioritized) adjust(r.callbackId, { kind: 'reprioritize', causationEventId, ...r });
      for (const w of revision.withdrawn) adjust(w.callbackId, { kind: 'withdraw', causationEventId, ...w });
    }
    const recordedAt = this.options.clock.now().toISOString();
    await Promise.all(
      [...streams].map(async ([callbackId, steps]) => {
        const stream = callbackStream(callbackId);
        const known = this.callbacks.get(callbackId) ?? (steps[0].creates ? { state: initialCallbackState(), revision: -1 } : null);
        if (known) {
          let state = known.state;
          const envelopes: NewEvent[] = [];
          for (const step of steps) {
            const events = step.decide(state);
            if (!events.length) continue;
            envelopes.push(...commandEnvelopes(step.ctx, stream, events, { occurredAt: step.occurredAt, recordedAt, dealerId: step.dealerId(state), order: step.order }));
            state = events.reduce((s: CallbackState, e) => evolveCallback(s, e), state);
          }
          if (!envelopes.length) return;
          try {
            const result = await this.options.eventStore.append(stream, envelopes, { expectedRevision: known.revision < 0 ? 'no_stream' : known.revision });
            this.callbacks.set(callbackId, { state, revision: result.nextRevision });
            return;
          } catch (err) {
            if (!(err instanceof WrongExpectedRevisionError)) throw err;
            // An agent claimed or worked it meanwhile, or an earlier run created it: read and decide again.
          }
        }
        this.callbacks.delete(callbackId);
        for (const step of steps) {
          await this.options.runner.run(step.ctx, {
            stream,
            initialState: initialCallbackState,
            evolve: (s: CallbackState, e: CallbackEvent) => evolveCallback(s, e),
            dealerId: step.dealerId,
            occurredAt: step.occurredAt,
            decide: step.decide,
          });
        }
      }),
    );
  }

  /**
   * The scheduler acts as the system, for the customer's dealer, in the cause's
   * correlation; the idempotency key makes every appended event id a function of
   * the cause, so a re-run appends nothing twice.
   */
  private ctxOf(cause: RecordedEvent, dealerId: string, key: string): CommandContext {
    const actor: Actor = { id: 'care-scheduler', role: 'system', dealerId };
    return { actor, correlationId: cause.metadata.correlationId, causationId: cause.metadata.eventId, idempotencyKey: key, expectedRevision: null };
  }
}

/** The care-plan revision a cause leads to for one customer: one id per (cause, customer). */
export function revisionEventId(causeEventId: string, customerId: string): string {
  return deterministicUuid('careplan', causeEventId, customerId);
}

function causeOf(event: RecordedEvent): Cause {
  return { eventId: event.metadata.eventId, type: event.type, position: event.position, occurredAt: event.metadata.occurredAt, data: event.data as Record<string, unknown> };
}

/** Business time of what the scheduler appends: the cause's, never later than now. */
function causeOccurredAt(cause: RecordedEvent, clock: Clock): string {
  const now = clock.now().toISOString();
  return cause.metadata.occurredAt <= now ? cause.metadata.occurredAt : now;
}

function foldUpTo<S>(events: RecordedEvent[], position: number, evolve: (s: S, e: RecordedEvent) => S, initial: () => S): S {
  let state = initial();
  for (const e of events) if (e.position <= position) state = evolve(state, e);
  return state;
}

