import { Actor, Clock, deterministicUuid, RecordedEvent } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { CommandContext, CommandRunner } from '@aftercare/platform';
import { customerStream, vehicleStream } from '@aftercare/customers';
import type { CallbackEvent } from '../domain/callback.events';
import { evolveCallback, initialCallbackState, CallbackState } from '../domain/callback.state';
import { callbackStream, carePlanStream } from '../domain/callback.streams';
import { CARE_SCHEDULE, CareSchedule } from '../domain/care-schedule';
import { evolveCustomerFacts, evolveVehicleFacts, initialCustomerFacts, initialVehicleFacts, VehicleFacts } from '../domain/care-facts';
import type { CarePlanRevised } from '../domain/care-plan.events';
import { evolveCarePlan, initialCarePlanState } from '../domain/care-plan.state';
import { decideAdjustPlannedCallback, AdjustPlannedCallback } from '../adjust-planned-callback/adjust-planned-callback.command';
import { scheduledFromPlan } from '../schedule-callback/schedule-callback.command';
import { Cause, planCareCalls, PlanInput, Revision } from './care-call.planner';

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
] as const;

export interface CareSchedulerOptions {
  eventStore: EventStore;
  runner: CommandRunner;
  clock: Clock;
  schedule?: CareSchedule;
  /**
   * Causes decided together: the scheduler reads ahead of the event it is
   * handed, so a window's appends share group commits. Default 500.
   */
  windowSize?: number;
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
 */
export class CareScheduler {
  private doneUpTo = -1;
  private readonly schedule: CareSchedule;
  private readonly windowSize: number;

  constructor(private readonly options: CareSchedulerOptions) {
    this.schedule = options.schedule ?? CARE_SCHEDULE;
    this.windowSize = Math.max(1, options.windowSize ?? 500);
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
    // Who each cause concerns, in log order, grouped by customer.
    const byCustomer = new Map<string, { cause: RecordedEvent; target: Target }[]>();
    for (const cause of window) {
      for (const target of await this.targetsOf(cause)) {
        let list = byCustomer.get(target.customerId);
        if (!list) byCustomer.set(target.customerId, (list = []));
        list.push({ cause, target });
      }
    }
    // Each customer's causes in order; customers side by side, so their appends share commits.
    const effects: Effect[] = [];
    const vehicles = new Map<string, Promise<RecordedEvent[]>>();
    const vehicleEvents = (vin: string) => {
      let events = vehicles.get(vin);
      if (!events) vehicles.set(vin, (events = this.options.eventStore.readStream(vehicleStream(vin))));
      return events;
    };
    await Promise.all(
      [...byCustomer].map(async ([customerId, causes]) => {
        const facts = await this.options.eventStore.readStream(customerStream(customerId));
        for (const { cause, target } of causes) {
          const vehicle = target.vin ? foldUpTo(await vehicleEvents(target.vin), cause.position, evolveVehicleFacts, initialVehicleFacts) : undefined;
          const effect = await this.decide(customerId, cause, target, facts, vehicle);
          if (effect) effects.push(effect);
        }
      }),
    );
    await this.applyEffects(effects);
  }

  /**
   * Decides one cause for one customer inside the CommandRunner, on the care
   * plan it has just read: a cause already in the plan is answered from the plan
   * (its effects are re-applied), a new one is planned on the plan as it was
   * before the cause's position and appended with the revision read.
   */
  private async decide(customerId: string, cause: RecordedEvent, target: Target, facts: RecordedEvent[], vehicle: VehicleFacts | undefined): Promise<Effect | null> {
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
          customer: foldUpTo(facts, cause.position, evolveCustomerFacts, initialCustomerFacts),
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
    return revision ? { revision, revisionEventId: id, cause } : null;
  }

  /** Which customers' plans a cause concerns, and what else the planner needs to know of it. */
  private async targetsOf(cause: RecordedEvent): Promise<Target[]> {
    const d = cause.data as Record<string, unknown>;
    const store = this.options.eventStore;
    switch (cause.type) {
      case 'CustomerRegistered':
      case 'CustomerFlaggedSensitive':
      case 'ContactPreferencesSet':
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

  /** Makes the stored decisions true in the callbacks' streams: one chain per stream, streams side by side. */
  private async applyEffects(effects: Effect[]): Promise<void> {
    const chains = new Map<string, (() => Promise<unknown>)[]>();
    const add = (callbackId: string, step: () => Promise<unknown>) => {
      let chain = chains.get(callbackId);
      if (!chain) chains.set(callbackId, (chain = []));
      chain.push(step);
    };
    for (const { revision, revisionEventId: revId, cause } of effects) {
      const occurredAt = causeOccurredAt(cause, this.options.clock);
      for (const call of revision.planned) {
        const scheduled = scheduledFromPlan(call, revision);
        add(call.callbackId, () =>
          this.options.runner.run(this.ctxOf(cause, revision.dealerId, `${revId}:scheduled:${call.callbackId}`), {
            stream: callbackStream(call.callbackId),
            initialState: initialCallbackState,
            evolve: (s: CallbackState, e: CallbackEvent) => evolveCallback(s, e),
            dealerId: revision.dealerId,
            occurredAt,
            decide: (state) => (state.exists ? [] : [scheduled]),
          }),
        );
      }
      const adjust = (callbackId: string, command: AdjustPlannedCallback) =>
        add(callbackId, () =>
          this.options.runner.run(this.ctxOf(cause, revision.dealerId, `${revId}:${command.kind}:${callbackId}`), {
            stream: callbackStream(callbackId),
            initialState: initialCallbackState,
            evolve: (s: CallbackState, e: CallbackEvent) => evolveCallback(s, e),
            dealerId: (s) => s.dealerId ?? revision.dealerId,
            occurredAt,
            decide: (state) => decideAdjustPlannedCallback(command, state),
          }),
        );
      const causationEventId = revision.causationEventId;
      for (const r of revision.rescheduled) adjust(r.callbackId, { kind: 'reschedule', causationEventId, ...r });
      for (const r of revision.reprioritized) adjust(r.callbackId, { kind: 'reprioritize', causationEventId, ...r });
      for (const w of revision.withdrawn) adjust(w.callbackId, { kind: 'withdraw', causationEventId, ...w });
    }
    await Promise.all(
      [...chains.values()].map(async (steps) => {
        for (const step of steps) await step();
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

