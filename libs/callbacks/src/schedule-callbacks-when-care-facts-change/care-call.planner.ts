import { addDays, addMonths, CallbackType, MS_PER_DAY } from '@aftercare/kernel';
import { CARE_SCHEDULE, CareSchedule, isRecurring, isThrottled } from '../domain/care-schedule';
import type { CallbackState } from '../domain/callback.state';
import type { CallbackSubject, FeedbackKind, Priority } from '../domain/callback.events';
import { CustomerFacts, isHighValue, isSensitive, VehicleFacts } from '../domain/care-facts';
import type { CarePlanRevised, PlannedCall, SkippedCall } from '../domain/care-plan.events';
import { activeCalls, CarePlanState, PlanCall } from '../domain/care-plan.state';
import { dateAtKm, earliest } from '../domain/mileage-forecast';
import { plannedCallbackId } from '../domain/callback.streams';

/** The event the scheduler reacts to, as it needs it. */
export interface Cause {
  eventId: string;
  type: string;
  position: number;
  /** Business time of the cause: every due date counts from it, never from the clock. */
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * Everything one decision may look at, each as it was at the cause's position:
 * the same history always plans the same calls (at-least-once delivery re-runs it).
 */
export interface PlanInput {
  cause: Cause;
  customer: CustomerFacts;
  plan: CarePlanState;
  /** VehicleRegistered, VisitRecorded: the vehicle with this visit's reading. */
  vehicle?: VehicleFacts;
  /** CallbackCompleted, CallbackUnreachable, CallbackScheduled: the callback after the event. */
  callback?: CallbackState;
  /** ComplaintResolved: the complaint's intake. */
  complaint?: { complaintId: string; vin: string | null };
  /** CareEventAnnounced. */
  careEvent?: { careEventId: string; startsAt: string; title: string };
  schedule?: CareSchedule;
}

export type Revision = CarePlanRevised['data'];

/**
 * The care schedule's rules (DOMAIN.md "Callbacks", R-CB-1…10) and contact
 * hygiene, as one pure function: a cause and the customer's plan in, the
 * revision of the plan out (null when nothing changes). Offsets come from
 * CARE_SCHEDULE only.
 */
export function planCareCalls(input: PlanInput): Revision | null {
  if (!input.customer.exists || input.plan.handled[input.cause.eventId]) return null;
  const r = new RevisionBuilder(input);
  switch (input.cause.type) {
    case 'CustomerRegistered':
      r.planBirthday(input.cause.occurredAt);
      r.planHoliday(input.cause.occurredAt);
      break;
    case 'CustomerFlaggedSensitive':
      r.reprioritizeAll('customer flagged sensitive');
      break;
    case 'ContactPreferencesSet':
      r.applyDoNotCall();
      break;
    case 'VehicleRegistered':
      r.onDelivery();
      break;
    case 'VisitRecorded':
      r.onVisit();
      break;
    case 'ComplaintResolved':
      r.onComplaintResolved();
      break;
    case 'CareEventAnnounced':
      r.onCareEventAnnounced();
      break;
    case 'CallbackScheduled':
      r.adoptManualCall();
      break;
    case 'CallbackCompleted':
    case 'CallbackUnreachable':
      r.onCallEnded();
      break;
    case 'CustomerSegmentChanged':
      r.onSegmentChanged();
      break;
    default:
      return null;
  }
  return r.build();
}

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const dayStart = (date: string) => `${date.slice(0, 10)}T00:00:00.000Z`;
const laterOf = (a: string, b: string) => (ms(a) >= ms(b) ? a : b);

class RevisionBuilder {
  private readonly s: CareSchedule;
  private readonly causeAt: string;
  private readonly out: Revision;
  /** The plan as this revision leaves it, for the throttle and for de-duplication. */
  private readonly working = new Map<string, PlanCall>();

  constructor(private readonly input: PlanInput) {
    this.s = input.schedule ?? CARE_SCHEDULE;
    this.causeAt = new Date(input.cause.occurredAt).toISOString();
    const { cause, customer, plan } = input;
    this.out = {
      customerId: customer.customerId!,
      dealerId: customer.dealerId!,
      causationEventId: cause.eventId,
      causationType: cause.type,
      causePosition: cause.position,
      causeOccurredAt: this.causeAt,
      planned: [], adopted: [], rescheduled: [], withdrawn: [], reprioritized: [], skipped: [], closed: [], noted: {},
    };
    for (const call of Object.values(plan.calls)) this.working.set(call.callbackId, call);
  }

  build(): Revision | null {
    const o = this.out;
    const empty = !o.planned.length && !o.adopted.length && !o.rescheduled.length && !o.withdrawn.length && !o.reprioritized.length
      && !o.skipped.length && !o.closed.length && !o.noted.vehicle && !o.noted.lastVisit && !o.noted.segment;
    return empty ? null : o;
  }

  // ---- causes -------------------------------------------------------------------------------

  /** R-CB-3, R-CB-4, R-CB-5, R-CB-8 from the delivery. */
  onDelivery(): void {
    const v = this.input.vehicle;
    if (!v?.exists || !v.deliveredAt || !v.vin) return;
    const vin = v.vin;
    this.out.noted.vehicle = { vin, deliveredAt: v.deliveredAt };
    const s = this.s;
    this.plan({ type: 'new_car_care', rule: s.newCarCare.rule, vin, dueAt: addDays(v.deliveredAt, s.newCarCare.afterDeliveryDays), slot: vin }, { stale: true });
    const first = addDays(v.deliveredAt, s.salesFollowUp.firstAfterDeliveryDays);
    this.plan({ type: 'sales_follow_up', rule: s.salesFollowUp.rule, vin, dueAt: first, slot: `${vin}:1` }, { stale: true });
    this.plan({ type: 'sales_follow_up', rule: s.salesFollowUp.rule, vin, dueAt: addDays(first, s.salesFollowUp.secondAfterFirstDays), slot: `${vin}:2` }, { stale: true });
    // The reminders, in the throttle's precedence: within one cause the earlier-planned call keeps a contested slot.
    const reminders: [CallbackType, () => void][] = [];
    if (v.insuranceExpiry) {
      reminders.push(['insurance_renewal', () => this.planAhead('insurance_renewal', s.insuranceRenewal.rule, vin, v.insuranceExpiry!, s.insuranceRenewal.leadDays)]);
    }
    const warrantyEnd = this.warrantyEnd(v);
    if (warrantyEnd) reminders.push(['warranty_expiry', () => this.planAhead('warranty_expiry', s.warrantyExpiry.rule, vin, warrantyEnd, s.warrantyExpiry.leadDays)]);
    const firstService = v.firstServiceDone ? null : this.firstServiceDate(v);
    if (firstService) {
      reminders.push([
        'first_service_reminder',
        () => this.planAhead('first_service_reminder', s.firstServiceReminder.rule, vin, firstService, s.firstServiceReminder.leadDays),
      ]);
    }
    reminders.push(['annual_inspection', () => this.planInspection(vin, v.deliveredAt!, this.causeAt)]);
    const rank = (t: CallbackType) => s.throttle.precedence.indexOf(t);
    for (const [, planIt] of reminders.sort((a, b) => rank(a[0]) - rank(b[0]))) planIt();
  }

  /** R-CB-1, R-CB-6, and the forecasts of R-CB-5 and R-CB-8 that a new odometer reading changes. */
  onVisit(): void {
    const d = this.input.cause.data as {
      visitId: string; vin: string; occurredAt: string; type: string; customerPaid: boolean; advisorId: string;
    };
    const s = this.s;
    const visitAt = new Date(d.occurredAt).toISOString();
    const last = this.input.plan.lastVisit;
    // A back-dated visit older than the last one neither restarts the lapsed series nor becomes "the last visit".
    const newest = !last || visitAt >= last.occurredAt;
    if (newest) this.out.noted.lastVisit = { visitId: d.visitId, vin: d.vin, occurredAt: visitAt, advisorId: d.advisorId };
    const subject: CallbackSubject = { visitId: d.visitId, visitAt };

    // R-CB-1: any paid or warranty visit.
    if (d.customerPaid || d.type === 'warranty') {
      this.plan(
        { type: 'post_service', rule: s.postService.rule, vin: d.vin, dueAt: addDays(visitAt, s.postService.afterVisitDays), advisorId: d.advisorId, subject },
        { stale: true },
      );
    }

    // R-CB-6: a newer visit withdraws the pending lapsed calls and starts the series again (all six calls).
    if (newest) {
      for (const call of this.active((c) => c.type === 'lapsed')) this.withdraw(call.callbackId, 'newer_visit', s.lapsed.rule);
      // R-SG-1: a customer who came back needs no win-back call.
      for (const call of this.active((c) => c.type === 'win_back' && c.rule !== 'manual')) this.withdraw(call.callbackId, 'newer_visit', s.winBack.rule);
      s.lapsed.afterLastVisit.forEach((offset, i) => {
        const dueAt = 'days' in offset ? addDays(visitAt, offset.days) : addMonths(visitAt, offset.months);
        this.plan(
          { type: 'lapsed', rule: s.lapsed.rule, vin: null, dueAt, latestAt: addDays(dueAt, s.throttle.days), subject, slot: i, advisorId: d.advisorId },
          { stale: true },
        );
      });
    }

    const v = this.input.vehicle;
    if (!v?.exists) return;
    // R-CB-5: the first service done ends the reminder; any other reading moves its forecast.
    for (const call of this.active((c) => c.type === 'first_service_reminder' && c.vin === d.vin)) {
      if (d.type === 'first_service') this.withdraw(call.callbackId, 'first_service_done', s.firstServiceReminder.rule);
      else this.reforecast(call, this.firstServiceDate(v), s.firstServiceReminder.leadDays, s.firstServiceReminder.rule);
    }
    // R-CB-8: the warranty's distance may now end it sooner (or later) than forecast.
    for (const call of this.active((c) => c.type === 'warranty_expiry' && c.vin === d.vin)) {
      const end = this.warrantyEnd(v);
      if (end && ms(end) <= ms(this.causeAt)) this.withdraw(call.callbackId, 'warranty_ended', s.warrantyExpiry.rule);
      else this.reforecast(call, end, s.warrantyExpiry.leadDays, s.warrantyExpiry.rule);
    }
  }

  /** R-CB-7 (R-CP-6): the customer is called 2 days after the resolution. */
  onComplaintResolved(): void {
    const complaint = this.input.complaint;
    if (!complaint) return;
    const s = this.s.complaintFollowUp;
    const dueAt = addDays(this.causeAt, s.afterResolutionDays);
    const deadline = this.input.cause.data.followUpDueAt;
    this.plan({
      type: 'complaint_follow_up', rule: s.rule, vin: complaint.vin, dueAt, latestAt: typeof deadline === 'string' ? new Date(deadline).toISOString() : dueAt,
      subject: { complaintId: complaint.complaintId },
    });
  }

  /** R-CB-10: the invitation 2 weeks before the event; too late once the last sensible day has passed. */
  onCareEventAnnounced(): void {
    const e = this.input.careEvent;
    if (!e) return;
    const s = this.s.eventInvitation;
    const latestAt = addDays(e.startsAt, -s.lastCallBeforeEventDays);
    const subject: CallbackSubject = { careEventId: e.careEventId, careEventStartsAt: e.startsAt, occasion: e.title };
    const ideal = addDays(e.startsAt, -s.beforeEventDays);
    if (ms(this.causeAt) > ms(latestAt)) {
      this.skip({ type: 'event_invitation', rule: s.rule, vin: null, dueAt: ideal, reason: 'too_late', keptCallbackId: null });
      return;
    }
    this.plan({ type: 'event_invitation', rule: s.rule, vin: null, dueAt: laterOf(ideal, this.causeAt), latestAt, subject });
  }

  /** A call scheduled by hand: taken into the plan so do-not-call and the throttle know it. */
  adoptManualCall(): void {
    const cb = this.input.callback;
    if (!cb?.exists || cb.rule !== 'manual' || this.working.has(cb.callbackId!)) return;
    const call: PlannedCall = {
      callbackId: cb.callbackId!, type: cb.type!, rule: 'manual', vin: cb.vin, dueAt: cb.dueAt!, latestAt: null, priority: cb.priority!,
      assigneeId: cb.assigneeId, advisorId: cb.advisorId, subject: cb.subject, postponedFrom: null,
    };
    this.out.adopted.push(call);
    this.working.set(call.callbackId, { ...call, status: 'active' });
  }

  /** A call ended: the plan learns it (throttle), R-CB-2 may follow, and a recurring greeting plans its next occurrence. */
  onCallEnded(): void {
    const cb = this.input.callback;
    if (!cb?.exists) return;
    const id = cb.callbackId!;
    const status = this.input.cause.type === 'CallbackCompleted' ? 'done' : 'unreachable';
    const known = this.working.get(id);
    if (known?.status === 'active') {
      this.out.closed.push({ callbackId: id, status });
      this.working.set(id, { ...known, status: 'closed' });
    }
    const s = this.s;
    if (status === 'done' && cb.type === 'post_service') {
      // R-CB-2: the call found a problem (criticism, complaint, or a low score).
      const d = this.input.cause.data as { satisfaction: number | null; feedback: FeedbackKind | null };
      const rule = s.postServiceResolution;
      const problem = (d.satisfaction !== null && d.satisfaction <= rule.problemSatisfactionAtMost)
        || (d.feedback !== null && (rule.problemFeedback as readonly string[]).includes(d.feedback));
      const visitAt = cb.subject.visitAt ?? this.causeAt;
      const already = this.active((c) => c.type === 'post_service_resolution' && c.subject.visitId === cb.subject.visitId).length > 0;
      if (problem && !already) {
        this.plan({
          type: 'post_service_resolution', rule: rule.rule, vin: cb.vin, dueAt: addDays(visitAt, rule.afterVisitDays), advisorId: cb.advisorId,
          subject: { visitId: cb.subject.visitId, visitAt: cb.subject.visitAt },
        });
      }
    }
    if (cb.type && isRecurring(cb.type) && cb.rule !== 'manual') {
      const after = laterOf(this.causeAt, cb.dueAt!);
      if (cb.type === 'birthday') this.planBirthday(after);
      else if (cb.type === 'holiday') this.planHoliday(after);
      else if (cb.type === 'annual_inspection' && cb.vin && this.input.plan.vehicles[cb.vin]) {
        this.planInspection(cb.vin, this.input.plan.vehicles[cb.vin].deliveredAt, after);
      }
    }
  }

  /**
   * R-SG-1 (CustomerSegmentChanged, published by segmentation): entering `vip`
   * puts the customer's open calls first and routes them to their usual advisor
   * (R-CB-11; later calls follow from the plan's segment); leaving it routes them
   * back to the pool; entering `churned` plans a win-back call by that advisor,
   * leaving it withdraws one still waiting.
   */
  onSegmentChanged(): void {
    const d = this.input.cause.data as { segments?: string[]; entered?: string[]; left?: string[]; since?: string; advisorId?: string | null; reasons?: string[] };
    const entered = d.entered ?? [];
    const left = d.left ?? [];
    const wasVip = this.isVipSegment();
    this.out.noted.segment = { segments: [...(d.segments ?? [])], advisorId: d.advisorId ?? null };
    if (entered.includes('vip') || (wasVip && left.includes('vip'))) this.reprioritizeAll(entered.includes('vip') ? 'customer entered the vip segment' : 'customer left the vip segment', wasVip);
    const s = this.s.winBack;
    if (left.includes('churned')) {
      for (const call of this.active((c) => c.type === 'win_back' && c.rule !== 'manual')) this.withdraw(call.callbackId, 'left_churned', s.rule);
    }
    if (entered.includes('churned') && !this.active((c) => c.type === 'win_back').length) {
      const since = d.since ? new Date(d.since).toISOString() : this.causeAt;
      const advisorId = d.advisorId ?? this.input.plan.lastVisit?.advisorId ?? null;
      const dueAt = laterOf(addDays(since, s.afterChangeDays), this.causeAt);
      this.plan({
        type: 'win_back', rule: s.rule, vin: null, dueAt, latestAt: addDays(dueAt, s.latestAfterDays), advisorId,
        subject: { occasion: `churned since ${since.slice(0, 10)}` }, assigneeId: advisorId,
      });
    }
  }

  /** R-CB-11: a sensitive customer's calls move up; a high-value customer's go to their advisor. */
  reprioritizeAll(reason: string, wasRouted = false): void {
    for (const call of this.active()) {
      const priority = this.priorityOf(call.type);
      // A call routed because the customer was high-value goes back to the pool when they no longer are.
      const routed = this.assigneeOf(call.advisorId);
      const assigneeId = routed ?? (wasRouted && call.type !== 'win_back' ? null : call.assigneeId);
      if (priority === call.priority && assigneeId === call.assigneeId) continue;
      this.out.reprioritized.push({ callbackId: call.callbackId, priority, assigneeId, reason });
      this.working.set(call.callbackId, { ...call, priority, assigneeId });
    }
  }

  /** Contact hygiene: withdraw what the customer no longer wants; greetings allowed again get their next occurrence. */
  applyDoNotCall(): void {
    const banned = new Set(this.input.customer.doNotCall);
    for (const call of this.active((c) => banned.has(c.type))) this.withdraw(call.callbackId, 'do_not_call', call.rule);
    if (!banned.has('birthday') && !this.active((c) => c.type === 'birthday').length) this.planBirthday(this.causeAt);
    if (!banned.has('holiday') && !this.active((c) => c.type === 'holiday').length) this.planHoliday(this.causeAt);
    if (!banned.has('annual_inspection')) {
      for (const v of Object.values(this.input.plan.vehicles)) {
        if (!this.active((c) => c.type === 'annual_inspection' && c.vin === v.vin).length) this.planInspection(v.vin, v.deliveredAt, this.causeAt);
      }
    }
  }

  // ---- recurring and dated calls --------------------------------------------------------------

  /** R-CB-9: the next birthday whose call is still ahead of `after`. */
  planBirthday(after: string): void {
    const birthDate = this.input.customer.birthDate;
    if (!birthDate || this.active((c) => c.type === 'birthday').length) return;
    const s = this.s.birthday;
    const [, month, day] = birthDate.slice(0, 10).split('-').map(Number);
    for (let year = new Date(after).getUTCFullYear(); year <= new Date(after).getUTCFullYear() + 1; year++) {
      const date = birthdayIn(year, month, day);
      const dueAt = addDays(dayStart(date), -s.leadDays);
      if (ms(dueAt) <= ms(after)) continue;
      this.plan({ type: 'birthday', rule: s.rule, vin: null, dueAt, latestAt: dueAt, subject: { occasion: `birthday ${date}` }, slot: date });
      return;
    }
  }

  /** R-CB-9: the next configured public holiday still ahead of `after`. */
  planHoliday(after: string): void {
    if (this.active((c) => c.type === 'holiday').length) return;
    const s = this.s.holiday;
    const next = this.s.holidays.map((h) => ({ ...h, dueAt: addDays(dayStart(h.date), -s.leadDays) })).filter((h) => ms(h.dueAt) > ms(after))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    if (!next) return;
    this.plan({ type: 'holiday', rule: s.rule, vin: null, dueAt: next.dueAt, latestAt: next.dueAt, subject: { occasion: `${next.name} ${next.date}` }, slot: next.date });
  }

  /** R-CB-8: the next inspection date (every N months from delivery) whose reminder is still ahead of `after`. */
  private planInspection(vin: string, deliveredAt: string, after: string): void {
    if (this.active((c) => c.type === 'annual_inspection' && c.vin === vin).length) return;
    const s = this.s.annualInspection;
    for (let k = 1; k <= 100; k++) {
      const date = addMonths(deliveredAt, k * s.everyMonths);
      if (ms(addDays(date, -s.leadDays)) <= ms(after)) continue;
      this.planAhead('annual_inspection', s.rule, vin, date, s.leadDays);
      return;
    }
  }

  /**
   * A reminder `leadDays` ahead of `target`: due now if the lead time has already
   * begun, skipped if the date itself has passed; it can be postponed (throttle)
   * up to the day before the date.
   */
  private planAhead(type: CallbackType, rule: string, vin: string, target: string, leadDays: number): void {
    const date = new Date(target).toISOString();
    const ideal = addDays(date, -leadDays);
    if (ms(date) <= ms(this.causeAt)) {
      this.skip({ type, rule, vin, dueAt: ideal, reason: 'date_passed', keptCallbackId: null });
      return;
    }
    this.plan({ type, rule, vin, dueAt: laterOf(ideal, this.causeAt), latestAt: addDays(date, -1), subject: { occasion: date.slice(0, 10) }, slot: `${vin}:${date}` });
  }

  /** A forecast date moved: move the call if its due day changes. */
  private reforecast(call: PlanCall, target: string | null, leadDays: number, rule: string): void {
    if (!target) return;
    const dueAt = laterOf(addDays(target, -leadDays), this.causeAt);
    if (Math.abs(ms(dueAt) - ms(call.dueAt)) < MS_PER_DAY) return;
    this.out.rescheduled.push({ callbackId: call.callbackId, dueAt, previousDueAt: call.dueAt, reason: 'mileage_forecast', rule });
    this.working.set(call.callbackId, { ...call, dueAt });
  }

  /** R-CB-5: the first-service date or 5,000 km, whichever the forecast reaches first. */
  private firstServiceDate(v: VehicleFacts): string | null {
    return earliest(v.firstServiceDueAt, dateAtKm(v, this.s.firstServiceReminder.atKm, this.s.mileage));
  }

  /** DOMAIN.md: the warranty ends at its period or its distance, whichever comes first. */
  private warrantyEnd(v: VehicleFacts): string | null {
    return earliest(v.warrantyEndsAt, v.warrantyKm ? dateAtKm(v, v.warrantyKm, this.s.mileage) : null);
  }

  // ---- the plan's primitives ------------------------------------------------------------------

  private active(filter: (c: PlanCall) => boolean = () => true): PlanCall[] {
    const calls: PlanCall[] = [];
    for (const c of this.working.values()) if (c.status === 'active' && filter(c)) calls.push(c);
    return calls;
  }

  /**
   * Puts a call in the plan, unless the customer refused that kind of call, it is
   * long past due (`stale`), or the throttle finds no free slot before `latestAt`.
   */
  private plan(
    call: {
      type: CallbackType; rule: string; vin: string | null; dueAt: string; latestAt?: string | null; advisorId?: string | null; subject?: CallbackSubject;
      slot?: string | number; assigneeId?: string | null;
    },
    options: { stale?: boolean } = {},
  ): void {
    const dueAt = new Date(call.dueAt).toISOString();
    const base = { type: call.type, rule: call.rule, vin: call.vin, dueAt };
    if (this.input.customer.doNotCall.includes(call.type)) return this.skip({ ...base, reason: 'do_not_call', keptCallbackId: null });
    if (options.stale && ms(dueAt) < ms(this.causeAt) - this.s.staleAfterDays * MS_PER_DAY) return this.skip({ ...base, reason: 'stale', keptCallbackId: null });
    const callbackId = plannedCallbackId(this.input.cause.eventId, call.rule, call.type, call.slot ?? 0, this.input.cause.position);
    const latestAt = call.latestAt === undefined ? null : call.latestAt;
    let placedAt = dueAt;
    let displaced: PlanCall[] = [];
    if (isThrottled(call.type)) {
      const clashes = this.clashesWith(callbackId, dueAt);
      if (clashes.length && clashes.every((c) => this.outranks(call.type, c))) {
        displaced = clashes;
      } else if (clashes.length) {
        const slot = this.freeSlot(callbackId, dueAt);
        if (latestAt === null || ms(slot.at) > ms(latestAt)) {
          this.skip({ ...base, reason: 'throttled', keptCallbackId: slot.kept });
          this.planNextOccurrence(call.type, call.vin, dueAt);
          return;
        }
        placedAt = slot.at;
      }
    }
    const advisorId = call.advisorId ?? this.input.plan.lastVisit?.advisorId ?? this.out.noted.lastVisit?.advisorId ?? null;
    const planned: PlannedCall = {
      callbackId, type: call.type, rule: call.rule, vin: call.vin, dueAt: placedAt, latestAt, priority: this.priorityOf(call.type),
      assigneeId: this.assigneeOf(advisorId) ?? call.assigneeId ?? null, advisorId, subject: call.subject ?? {}, postponedFrom: placedAt === dueAt ? null : dueAt,
    };
    this.out.planned.push(planned);
    this.working.set(callbackId, { ...planned, status: 'active' });
    for (const c of displaced) this.displace(c, callbackId);
  }

  /**
   * Contact hygiene: at most one `care` call per `throttle.days`. A newcomer
   * that outranks every call it clashes with (throttle.precedence) takes its
   * date and pushes them on; otherwise the calls already in the plan keep their
   * slots and the newcomer takes the first free slot after them, or is skipped
   * when that is past its `latestAt`. Deterministic: the same plan and cause
   * always give the same answer.
   */
  private clashesWith(callbackId: string, dueAt: string): PlanCall[] {
    const window = this.s.throttle.days * MS_PER_DAY;
    const at = ms(dueAt);
    return [...this.working.values()].filter(
      (c) => c.callbackId !== callbackId && c.status !== 'withdrawn' && isThrottled(c.type) && Math.abs(ms(c.dueAt) - at) < window,
    );
  }

  /** Only a call still waiting (active, not yet due) gives way, and only to a call of higher precedence. */
  private outranks(type: CallbackType, other: PlanCall): boolean {
    if (other.status !== 'active' || ms(other.dueAt) <= ms(this.causeAt)) return false;
    const rank = (t: CallbackType) => {
      const i = this.s.throttle.precedence.indexOf(t);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    return rank(type) < rank(other.type);
  }

  /** A call that gave way: to the first free slot before its latestAt, else withdrawn (a greeting then plans its next occasion). */
  private displace(call: PlanCall, keptCallbackId: string): void {
    const slot = this.freeSlot(call.callbackId, call.dueAt);
    if (call.latestAt !== null && ms(slot.at) <= ms(call.latestAt)) {
      this.out.rescheduled.push({ callbackId: call.callbackId, dueAt: slot.at, previousDueAt: call.dueAt, reason: 'throttled', rule: call.rule });
      this.working.set(call.callbackId, { ...call, dueAt: slot.at });
      return;
    }
    this.withdraw(call.callbackId, `throttled: ${keptCallbackId} kept the slot`, call.rule);
    this.planNextOccurrence(call.type, call.vin, call.dueAt);
  }

  private freeSlot(callbackId: string, dueAt: string): { at: string; kept: string | null } {
    const window = this.s.throttle.days * MS_PER_DAY;
    const others = [...this.working.values()].filter((c) => c.callbackId !== callbackId && c.status !== 'withdrawn' && isThrottled(c.type));
    let at = ms(dueAt);
    let kept: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const clashes = others.filter((c) => Math.abs(ms(c.dueAt) - at) < window);
      if (!clashes.length) break;
      clashes.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.callbackId.localeCompare(b.callbackId));
      kept ??= clashes[0].callbackId;
      at = ms(clashes[clashes.length - 1].dueAt) + window;
    }
    return { at: iso(at), kept };
  }

  /** A recurring greeting that lost its slot is not lost for good: its next occasion is planned (bounded). */
  private nextDepth = 0;
  private planNextOccurrence(type: CallbackType, vin: string | null, after: string): void {
    if (!isRecurring(type) || this.nextDepth >= 3) return;
    this.nextDepth++;
    try {
      if (type === 'birthday') this.planBirthday(after);
      else if (type === 'holiday') this.planHoliday(after);
      else if (type === 'annual_inspection' && vin && this.input.plan.vehicles[vin]) this.planInspection(vin, this.input.plan.vehicles[vin].deliveredAt, after);
    } finally {
      this.nextDepth--;
    }
  }

  private withdraw(callbackId: string, reason: string, rule: string): void {
    const call = this.working.get(callbackId);
    if (!call || call.status !== 'active') return;
    this.out.withdrawn.push({ callbackId, reason, rule });
    this.working.set(callbackId, { ...call, status: 'withdrawn' });
  }

  private skip(skipped: SkippedCall): void {
    this.out.skipped.push(skipped);
  }

  /** R-CB-11: complaint follow-ups first, then sensitive customers and VIPs (R-SG-1 segment). */
  private priorityOf(type: CallbackType): Priority {
    if (type === 'complaint_follow_up') return 'urgent';
    return isSensitive(this.input.customer) || this.isVipSegment() ? 'high' : 'normal';
  }

  /**
   * R-CB-11: a high-value customer's calls go to their own service advisor: a
   * customer flagged vip/key_account to the advisor of their last visit, a
   * customer in the `vip` segment to the advisor segmentation names (their usual one).
   */
  private assigneeOf(advisorId: string | null): string | null {
    const lastVisitAdvisor = this.out.noted.lastVisit?.advisorId ?? this.input.plan.lastVisit?.advisorId ?? null;
    if (isHighValue(this.input.customer)) return lastVisitAdvisor ?? advisorId ?? null;
    if (this.isVipSegment()) return this.segment()?.advisorId ?? lastVisitAdvisor ?? advisorId ?? null;
    return null;
  }

  private segment(): { segments: string[]; advisorId: string | null } | null {
    return this.out.noted.segment ?? this.input.plan.segment ?? null;
  }

  private isVipSegment(): boolean {
    return this.segment()?.segments.includes('vip') ?? false;
  }
}

/** 29 February falls on the 28th in other years. */
function birthdayIn(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}
