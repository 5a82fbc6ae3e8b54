import { addDays, addMonths } from '@aftercare/kernel';
import { planCareCalls, PlanInput, Revision } from './care-call.planner';
import { CARE_SCHEDULE } from '../domain/care-schedule';
import { CustomerFacts, initialVehicleFacts, VehicleFacts } from '../domain/care-facts';
import { CarePlanState, evolveCarePlan, initialCarePlanState } from '../domain/care-plan.state';
import { initialCallbackState, CallbackState } from '../domain/callback.state';
import { plannedCallbackId } from '../domain/callback.streams';

const VIN = 'LSVAU2180N2183294';
const customer = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({
  exists: true, customerId: 'c1', dealerId: 'D1', birthDate: null, sensitiveKinds: [], doNotCall: [], ...over,
});
const vehicle = (over: Partial<VehicleFacts> = {}): VehicleFacts => ({
  ...initialVehicleFacts(), exists: true, vin: VIN, customerId: 'c1', dealerId: 'D1', deliveredAt: '2026-03-01T00:00:00.000Z',
  warrantyEndsAt: '2028-03-01T00:00:00.000Z', warrantyKm: 40_000, ...over,
});

let position = 100;
const cause = (type: string, data: Record<string, unknown>, occurredAt: string) => ({ eventId: `evt-${type}-${++position}`, type, position, occurredAt, data });

const visit = (occurredAt: string, over: Record<string, unknown> = {}) =>
  cause('VisitRecorded', {
    visitId: `v-${occurredAt}`, vin: VIN, customerId: 'c1', dealerId: 'D1', occurredAt, odometerKm: 3000, type: 'periodic_maintenance',
    customerPaid: true, advisorId: 'sa-li', ...over,
  }, occurredAt);

/** Plans, and returns the revision together with the plan it leaves. */
function decide(input: Omit<PlanInput, 'plan'> & { plan?: CarePlanState }): { revision: Revision; plan: CarePlanState } {
  const plan = input.plan ?? initialCarePlanState();
  const revision = planCareCalls({ ...input, plan });
  if (!revision) throw new Error('expected a revision');
  return { revision, plan: evolveCarePlan(plan, { type: 'CarePlanRevised', data: revision }) };
}

const plannedOf = (r: Revision, type: string) => r.planned.filter((p) => p.type === type);

describe('the care schedule', () => {
  describe('after a service visit', () => {
    it('schedules a post-service callback 3 days after a paid visit (R-CB-1)', () => {
      const { revision } = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      expect(plannedOf(revision, 'post_service')).toEqual([
        expect.objectContaining({ rule: 'R-CB-1', dueAt: '2026-03-12T10:00:00.000Z', advisorId: 'sa-li', priority: 'normal', vin: VIN }),
      ]);
    });

    it('schedules one after a warranty visit too (R-CB-1)', () => {
      const { revision } = decide({ cause: visit('2026-03-09T10:00:00.000Z', { type: 'warranty', customerPaid: false }), customer: customer(), vehicle: vehicle() });
      expect(plannedOf(revision, 'post_service')).toHaveLength(1);
    });

    it('does not call after a free first service (R-CB-1: paid or warranty only)', () => {
      const { revision } = decide({ cause: visit('2026-03-09T10:00:00.000Z', { type: 'first_service', customerPaid: false }), customer: customer(), vehicle: vehicle() });
      expect(plannedOf(revision, 'post_service')).toHaveLength(0);
    });

    it('derives the callback id from the visit event and the rule, so a re-run plans the same callback', () => {
      const c = visit('2026-03-09T10:00:00.000Z');
      const first = planCareCalls({ cause: c, customer: customer(), vehicle: vehicle(), plan: initialCarePlanState() })!;
      const again = planCareCalls({ cause: c, customer: customer(), vehicle: vehicle(), plan: initialCarePlanState() })!;
      expect(again).toEqual(first);
      expect(plannedOf(first, 'post_service')[0].callbackId).toBe(plannedCallbackId(c.eventId, 'R-CB-1', 'post_service', 0, c.position));
    });

    it('decides nothing twice for a cause already in the plan', () => {
      const c = visit('2026-03-09T10:00:00.000Z');
      const { plan } = decide({ cause: c, customer: customer(), vehicle: vehicle() });
      expect(planCareCalls({ cause: c, customer: customer(), vehicle: vehicle(), plan })).toBeNull();
    });
  });

  describe('lapsed customers (R-CB-6)', () => {
    it('plans calls 15 and 30 days, 3.5, 6, 9 and 12 months after the last visit', () => {
      const at = '2026-03-09T10:00:00.000Z';
      const { revision } = decide({ cause: visit(at), customer: customer(), vehicle: vehicle() });
      expect(plannedOf(revision, 'lapsed').map((p) => p.dueAt)).toEqual([
        addDays(at, 15), addDays(at, 30), addMonths(at, 3.5), addMonths(at, 6), addMonths(at, 9), addMonths(at, 12),
      ]);
      expect(plannedOf(revision, 'lapsed').every((p) => p.rule === 'R-CB-6')).toBe(true);
    });

    it('withdraws the pending lapsed calls when a newer visit comes, and starts the series again', () => {
      const first = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const { revision } = decide({ cause: visit('2026-04-02T10:00:00.000Z', { odometerKm: 4000 }), customer: customer(), vehicle: vehicle(), plan: first.plan });
      const oldLapsed = plannedOf(first.revision, 'lapsed').map((p) => p.callbackId);
      expect(revision.withdrawn).toEqual(oldLapsed.map((callbackId) => ({ callbackId, reason: 'newer_visit', rule: 'R-CB-6' })));
      expect(plannedOf(revision, 'lapsed')[0].dueAt).toBe('2026-04-17T10:00:00.000Z');
    });

    it('R-CB-6: a visit plans all six lapsed calls at 15 d, 30 d, 3.5, 6, 9 and 12 months; a newer visit withdraws every pending one and plans six new ones', () => {
      const at = '2026-03-09T10:00:00.000Z';
      const offsets = (from: string) => [addDays(from, 15), addDays(from, 30), addMonths(from, 3.5), addMonths(from, 6), addMonths(from, 9), addMonths(from, 12)];
      const visited = decide({ cause: visit(at), customer: customer(), vehicle: vehicle() });
      const first = plannedOf(visited.revision, 'lapsed');
      expect(first.map((p) => p.dueAt)).toEqual(offsets(at));
      expect(first.map((p) => p.dueAt)).toEqual([
        '2026-03-24T10:00:00.000Z', '2026-04-08T10:00:00.000Z', '2026-06-24T10:00:00.000Z', '2026-09-09T10:00:00.000Z', '2026-12-09T10:00:00.000Z', '2027-03-09T10:00:00.000Z',
      ]);
      expect(new Set(first.map((p) => p.callbackId)).size).toBe(6);
      expect(first.every((p) => p.rule === 'R-CB-6' && p.subject.visitAt === at && p.postponedFrom === null)).toBe(true);
      // The 15-day call is worked; the rest wait. A newer visit withdraws the five still pending, not the one worked.
      const worked = first[0];
      const callback: CallbackState = {
        ...initialCallbackState(), exists: true, callbackId: worked.callbackId, customerId: 'c1', type: 'lapsed', rule: 'R-CB-6', dueAt: worked.dueAt, subject: worked.subject, status: 'done',
      };
      const ended = decide({ cause: cause('CallbackCompleted', { callbackId: worked.callbackId, satisfaction: 5, feedback: null }, '2026-03-24T11:00:00.000Z'), customer: customer(), callback, plan: visited.plan });
      expect(plannedOf(ended.revision, 'lapsed')).toEqual([]);
      const later = '2026-04-20T10:00:00.000Z';
      const { revision, plan } = decide({ cause: visit(later, { odometerKm: 4500 }), customer: customer(), vehicle: vehicle(), plan: ended.plan });
      expect(revision.withdrawn.filter((w) => w.rule === 'R-CB-6')).toEqual(first.slice(1).map((p) => ({ callbackId: p.callbackId, reason: 'newer_visit', rule: 'R-CB-6' })));
      expect(plannedOf(revision, 'lapsed').map((p) => p.dueAt)).toEqual(offsets(later));
      const active = Object.values(plan.calls).filter((c) => c.type === 'lapsed' && c.status === 'active');
      expect(active.map((c) => c.dueAt).sort()).toEqual(offsets(later));
    });

    it('lets a back-dated older visit neither withdraw the series nor become the last visit', () => {
      const first = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const { revision } = decide({ cause: visit('2026-03-01T10:00:00.000Z', { odometerKm: 2000 }), customer: customer(), vehicle: vehicle(), plan: first.plan });
      expect(revision.withdrawn).toEqual([]);
      expect(plannedOf(revision, 'lapsed')).toEqual([]);
      expect(revision.noted.lastVisit).toBeUndefined();
    });
  });

  describe('a new car (R-CB-3, R-CB-4)', () => {
    const delivered = () => cause('VehicleRegistered', { vin: VIN, customerId: 'c1' }, '2026-03-01T09:00:00.000Z');

    it('plans the new-car care call 7 days after delivery (R-CB-3)', () => {
      const { revision } = decide({ cause: delivered(), customer: customer(), vehicle: vehicle() });
      expect(plannedOf(revision, 'new_car_care')).toEqual([expect.objectContaining({ rule: 'R-CB-3', dueAt: '2026-03-08T00:00:00.000Z' })]);
    });

    it('plans two sales follow-ups, on day 3 and 7 days after the first (R-CB-4)', () => {
      const { revision } = decide({ cause: delivered(), customer: customer(), vehicle: vehicle() });
      expect(plannedOf(revision, 'sales_follow_up').map((p) => [p.rule, p.dueAt])).toEqual([
        ['R-CB-4', '2026-03-04T00:00:00.000Z'],
        ['R-CB-4', '2026-03-11T00:00:00.000Z'],
      ]);
    });

    it('skips the delivery calls of a vehicle delivered long before it was filed', () => {
      const late = cause('VehicleRegistered', { vin: VIN, customerId: 'c1' }, '2026-09-01T09:00:00.000Z');
      const { revision } = decide({ cause: late, customer: customer(), vehicle: vehicle() });
      expect(plannedOf(revision, 'new_car_care')).toEqual([]);
      expect(revision.skipped).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'new_car_care', reason: 'stale' })]));
    });
  });

  describe('the first-service reminder (R-CB-5)', () => {
    const delivered = () => cause('VehicleRegistered', { vin: VIN, customerId: 'c1' }, '2026-03-01T09:00:00.000Z');
    const lead = CARE_SCHEDULE.firstServiceReminder.leadDays;

    it('before any visit, forecasts 5,000 km at the default km/day when that comes before the first-service date', () => {
      const days = Math.ceil(5000 / CARE_SCHEDULE.mileage.defaultKmPerDay);
      const { revision } = decide({ cause: delivered(), customer: customer(), vehicle: vehicle({ firstServiceDueAt: '2026-12-01T00:00:00.000Z' }) });
      expect(plannedOf(revision, 'first_service_reminder')).toEqual([
        expect.objectContaining({ rule: 'R-CB-5', dueAt: addDays(addDays('2026-03-01T00:00:00.000Z', days), -lead) }),
      ]);
    });

    it('uses the first-service date when it comes before 5,000 km', () => {
      const { revision } = decide({ cause: delivered(), customer: customer(), vehicle: vehicle({ firstServiceDueAt: '2026-04-01T00:00:00.000Z' }) });
      expect(plannedOf(revision, 'first_service_reminder')[0].dueAt).toBe(addDays('2026-04-01T00:00:00.000Z', -lead));
    });

    it("moves the reminder when a visit shows the vehicle's own km/day", () => {
      const registered = decide({ cause: delivered(), customer: customer(), vehicle: vehicle() });
      const reminder = plannedOf(registered.revision, 'first_service_reminder')[0];
      // 2,000 km in 10 days: 200 km/day, so 5,000 km 15 days after that visit.
      const v = visit('2026-03-11T00:00:00.000Z', { odometerKm: 2000, type: 'minor_repair' });
      const facts = vehicle({ readings: [{ at: '2026-03-11T00:00:00.000Z', km: 2000 }] });
      const { revision } = decide({ cause: v, customer: customer(), vehicle: facts, plan: registered.plan });
      expect(revision.rescheduled.filter((r) => r.rule === 'R-CB-5')).toEqual([
        expect.objectContaining({ callbackId: reminder.callbackId, dueAt: addDays('2026-03-26T00:00:00.000Z', -lead), reason: 'mileage_forecast' }),
      ]);
    });

    it('withdraws the reminder once the first service is done', () => {
      const registered = decide({ cause: delivered(), customer: customer(), vehicle: vehicle() });
      const v = visit('2026-05-01T00:00:00.000Z', { odometerKm: 4800, type: 'first_service', customerPaid: false });
      const { revision } = decide({ cause: v, customer: customer(), vehicle: vehicle({ firstServiceDone: true, readings: [{ at: '2026-05-01T00:00:00.000Z', km: 4800 }] }), plan: registered.plan });
      expect(revision.withdrawn).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'first_service_done', rule: 'R-CB-5' })]));
    });
  });

  describe('reminders (R-CB-8)', () => {
    const delivered = () => cause('VehicleRegistered', { vin: VIN, customerId: 'c1' }, '2026-03-01T09:00:00.000Z');

    it('reminds of the insurance renewal 30 days ahead of its expiry', () => {
      const { revision } = decide({ cause: delivered(), customer: customer(), vehicle: vehicle({ insuranceExpiry: '2027-02-28T00:00:00.000Z' }) });
      expect(plannedOf(revision, 'insurance_renewal')).toEqual([expect.objectContaining({ rule: 'R-CB-8', dueAt: '2027-01-29T00:00:00.000Z' })]);
    });

    it('reminds of the warranty expiry by time or by distance, whichever the km/day forecast reaches first', () => {
      // Default 40 km/day: 40,000 km after 1,000 days, after the 2-year period ends.
      const byTime = decide({ cause: delivered(), customer: customer(), vehicle: vehicle() }).revision;
      expect(plannedOf(byTime, 'warranty_expiry')[0].dueAt).toBe(addDays('2028-03-01T00:00:00.000Z', -30));
      // A 20,000 km warranty is reached after 500 days, before the period ends.
      const byKm = decide({ cause: delivered(), customer: customer(), vehicle: vehicle({ warrantyKm: 20_000 }) }).revision;
      expect(plannedOf(byKm, 'warranty_expiry')[0].dueAt).toBe(addDays(addDays('2026-03-01T00:00:00.000Z', 500), -30));
    });

    it('reminds of the annual inspection 30 days ahead of each anniversary of delivery', () => {
      const { revision } = decide({ cause: delivered(), customer: customer(), vehicle: vehicle() });
      expect(plannedOf(revision, 'annual_inspection')).toEqual([expect.objectContaining({ rule: 'R-CB-8', dueAt: '2027-01-30T00:00:00.000Z' })]);
    });

    it("moves the warranty reminder when a visit shows the vehicle's own km/day", () => {
      const registered = decide({ cause: delivered(), customer: customer(), vehicle: vehicle() });
      // 2,000 km in 10 days: 200 km/day, so 40,000 km 190 days after that visit, long before the period ends.
      const facts = vehicle({ readings: [{ at: '2026-03-11T00:00:00.000Z', km: 2000 }] });
      const { revision } = decide({ cause: visit('2026-03-11T00:00:00.000Z', { odometerKm: 2000 }), customer: customer(), vehicle: facts, plan: registered.plan });
      expect(revision.rescheduled.filter((r) => r.rule === 'R-CB-8')).toEqual([
        expect.objectContaining({ dueAt: addDays(addDays('2026-03-11T00:00:00.000Z', 190), -30), previousDueAt: addDays('2028-03-01T00:00:00.000Z', -30) }),
      ]);
    });

    it('withdraws the warranty reminder when a reading shows the distance already covered', () => {
      const registered = decide({ cause: delivered(), customer: customer(), vehicle: vehicle({ warrantyKm: 20_000 }) });
      const v = visit('2026-09-01T00:00:00.000Z', { odometerKm: 21_000 });
      const facts = vehicle({ warrantyKm: 20_000, readings: [{ at: '2026-09-01T00:00:00.000Z', km: 21_000 }] });
      const { revision } = decide({ cause: v, customer: customer(), vehicle: facts, plan: registered.plan });
      expect(revision.withdrawn).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'warranty_ended', rule: 'R-CB-8' })]));
    });
  });

  describe('greetings (R-CB-9)', () => {
    it('plans the next birthday greeting from the birth date', () => {
      const c = cause('CustomerRegistered', { customerId: 'c1' }, '2026-03-10T09:00:00.000Z');
      const { revision } = decide({ cause: c, customer: customer({ birthDate: '1985-06-01' }) });
      expect(plannedOf(revision, 'birthday')).toEqual([expect.objectContaining({ rule: 'R-CB-9', dueAt: '2026-06-01T00:00:00.000Z' })]);
    });

    it('plans the next configured public holiday greeting, the day before', () => {
      const c = cause('CustomerRegistered', { customerId: 'c1' }, '2026-03-10T09:00:00.000Z');
      const { revision } = decide({ cause: c, customer: customer() });
      expect(plannedOf(revision, 'holiday')).toEqual([
        expect.objectContaining({ rule: 'R-CB-9', dueAt: '2026-06-18T00:00:00.000Z', subject: { occasion: 'Dragon Boat Festival 2026-06-19' } }),
      ]);
    });

    it("plans next year's birthday when this year's call ends", () => {
      const registered = decide({ cause: cause('CustomerRegistered', { customerId: 'c1' }, '2026-03-10T09:00:00.000Z'), customer: customer({ birthDate: '1985-06-01' }) });
      const birthday = plannedOf(registered.revision, 'birthday')[0];
      const callback: CallbackState = { ...initialCallbackState(), exists: true, callbackId: birthday.callbackId, customerId: 'c1', type: 'birthday', rule: 'R-CB-9', dueAt: birthday.dueAt, status: 'done' };
      const ended = cause('CallbackCompleted', { callbackId: birthday.callbackId, satisfaction: null, feedback: null }, '2026-06-01T10:00:00.000Z');
      const { revision } = decide({ cause: ended, customer: customer({ birthDate: '1985-06-01' }), callback, plan: registered.plan });
      expect(revision.closed).toEqual([{ callbackId: birthday.callbackId, status: 'done' }]);
      expect(plannedOf(revision, 'birthday')[0].dueAt).toBe('2027-06-01T00:00:00.000Z');
    });
  });

  describe('after a callback (R-CB-2)', () => {
    const postService = (outcome: { satisfaction: number | null; feedback: string | null }) => {
      const visited = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const call = plannedOf(visited.revision, 'post_service')[0];
      const callback: CallbackState = {
        ...initialCallbackState(), exists: true, callbackId: call.callbackId, customerId: 'c1', type: 'post_service', rule: 'R-CB-1', vin: VIN,
        dueAt: call.dueAt, status: 'done', advisorId: 'sa-li', subject: call.subject,
      };
      return planCareCalls({ cause: cause('CallbackCompleted', { callbackId: call.callbackId, ...outcome }, '2026-03-12T11:00:00.000Z'), customer: customer(), callback, plan: visited.plan })!;
    };

    it('schedules the resolution check 7 days after the visit when the call found criticism', () => {
      expect(plannedOf(postService({ satisfaction: 4, feedback: 'criticism' }), 'post_service_resolution')).toEqual([
        expect.objectContaining({ rule: 'R-CB-2', dueAt: '2026-03-16T10:00:00.000Z', advisorId: 'sa-li' }),
      ]);
    });

    it('schedules it for a complaint, or a satisfaction of 2 or less', () => {
      expect(plannedOf(postService({ satisfaction: null, feedback: 'complaint' }), 'post_service_resolution')).toHaveLength(1);
      expect(plannedOf(postService({ satisfaction: 2, feedback: null }), 'post_service_resolution')).toHaveLength(1);
    });

    it('does not schedule it when the customer is content', () => {
      expect(plannedOf(postService({ satisfaction: 5, feedback: 'praise' }), 'post_service_resolution')).toHaveLength(0);
    });
  });

  describe('complaint follow-up (R-CB-7)', () => {
    it('calls 2 days after the resolution, before everything else due that day', () => {
      const c = cause('ComplaintResolved', { complaintId: 'k1', summary: 'refunded', followUpDueAt: '2026-03-12T09:00:00.000Z' }, '2026-03-10T09:00:00.000Z');
      const { revision } = decide({ cause: c, customer: customer(), complaint: { complaintId: 'k1', vin: VIN } });
      expect(revision.planned).toEqual([
        expect.objectContaining({ type: 'complaint_follow_up', rule: 'R-CB-7', dueAt: '2026-03-12T09:00:00.000Z', priority: 'urgent', subject: { complaintId: 'k1' } }),
      ]);
    });
  });

  describe('event invitations (R-CB-10)', () => {
    const careEvent = { careEventId: 'e1', startsAt: '2026-05-16T01:00:00.000Z', title: 'Spring self-drive trip' };

    it('invites 2 weeks before the event', () => {
      const { revision } = decide({ cause: cause('CareEventAnnounced', {}, '2026-03-10T09:00:00.000Z'), customer: customer(), careEvent });
      expect(revision.planned).toEqual([expect.objectContaining({ type: 'event_invitation', rule: 'R-CB-10', dueAt: '2026-05-02T01:00:00.000Z' })]);
    });

    it('invites at once when announced later than that, and not at all in the last two days', () => {
      const soon = decide({ cause: cause('CareEventAnnounced', {}, '2026-05-10T09:00:00.000Z'), customer: customer(), careEvent }).revision;
      expect(soon.planned[0].dueAt).toBe('2026-05-10T09:00:00.000Z');
      const tooLate = decide({ cause: cause('CareEventAnnounced', {}, '2026-05-15T09:00:00.000Z'), customer: customer(), careEvent }).revision;
      expect(tooLate.planned).toEqual([]);
      expect(tooLate.skipped).toEqual([expect.objectContaining({ type: 'event_invitation', reason: 'too_late' })]);
    });
  });

  describe('priority and routing (R-CB-11)', () => {
    it("puts a sensitive customer's calls first", () => {
      const { revision } = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer({ sensitiveKinds: ['media'] }), vehicle: vehicle() });
      expect(plannedOf(revision, 'post_service')[0]).toMatchObject({ priority: 'high', assigneeId: null });
    });

    it("routes a VIP's calls to the advisor of their last visit", () => {
      const { revision } = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer({ sensitiveKinds: ['vip'] }), vehicle: vehicle() });
      expect(plannedOf(revision, 'post_service')[0]).toMatchObject({ priority: 'high', assigneeId: 'sa-li' });
      expect(plannedOf(revision, 'lapsed').every((p) => p.assigneeId === 'sa-li')).toBe(true);
    });

    it('re-prioritises and re-routes pending calls when the customer is flagged a key account', () => {
      const visited = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const flagged = cause('CustomerFlaggedSensitive', { customerId: 'c1', kind: 'key_account' }, '2026-03-10T09:00:00.000Z');
      const { revision } = decide({ cause: flagged, customer: customer({ sensitiveKinds: ['key_account'] }), plan: visited.plan });
      expect(revision.reprioritized.length).toBe(visited.revision.planned.length);
      expect(revision.reprioritized.every((r) => r.priority === 'high' && r.assigneeId === 'sa-li')).toBe(true);
    });
  });

  describe('segment changes (R-SG-1, published by segmentation)', () => {
    const segmentChanged = (at: string, over: Record<string, unknown>) =>
      cause('CustomerSegmentChanged', {
        customerId: 'c1', dealerId: 'D1', from: 'regular', to: 'regular', segments: [], entered: [], left: [], since: at, reasons: [], signals: {},
        ruleSetVersion: 1, advisorId: 'sa-zhao', ...over,
      }, at);

    it("puts a new VIP's open calls first and routes them to their usual advisor, and their later calls too (R-CB-11)", () => {
      const visited = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const vip = decide({ cause: segmentChanged('2026-03-10T00:00:00.000Z', { to: 'vip', segments: ['vip'], entered: ['vip'] }), customer: customer(), plan: visited.plan });
      expect(vip.revision.reprioritized.map((r) => r.callbackId).sort()).toEqual(visited.revision.planned.map((p) => p.callbackId).sort());
      expect(vip.revision.reprioritized.every((r) => r.priority === 'high' && r.assigneeId === 'sa-zhao')).toBe(true);
      const later = decide({ cause: visit('2026-04-01T10:00:00.000Z', { odometerKm: 4000 }), customer: customer(), vehicle: vehicle(), plan: vip.plan });
      expect(plannedOf(later.revision, 'post_service')[0]).toMatchObject({ priority: 'high', assigneeId: 'sa-zhao' });
    });

    it('routes the calls back to the pool when the customer leaves the vip segment (R-CB-11)', () => {
      const visited = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const vip = decide({ cause: segmentChanged('2026-03-10T00:00:00.000Z', { to: 'vip', segments: ['vip'], entered: ['vip'] }), customer: customer(), plan: visited.plan });
      const left = decide({ cause: segmentChanged('2026-03-11T00:00:00.000Z', { from: 'vip', to: 'loyal', segments: ['loyal'], entered: ['loyal'], left: ['vip'] }), customer: customer(), plan: vip.plan });
      expect(left.revision.reprioritized.length).toBe(visited.revision.planned.length);
      expect(left.revision.reprioritized.every((r) => r.priority === 'normal' && r.assigneeId === null)).toBe(true);
    });

    it('plans a win-back call by the advisor when the customer becomes churned, once, and a newer visit withdraws it', () => {
      const visited = decide({ cause: visit('2025-09-01T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      // 2026-03-20: no lapsed call of the series (6 months: 2026-03-01, 9 months: 2026-06-01) within the throttle's 7 days.
      const churned = decide({ cause: segmentChanged('2026-03-20T10:00:00.000Z', { to: 'churned', segments: ['churned'], entered: ['churned'] }), customer: customer(), plan: visited.plan });
      expect(plannedOf(churned.revision, 'win_back')).toEqual([
        expect.objectContaining({ rule: 'R-SG-1', dueAt: '2026-03-20T10:00:00.000Z', assigneeId: 'sa-zhao', advisorId: 'sa-zhao', priority: 'normal', postponedFrom: null }),
      ]);
      const again = planCareCalls({ cause: segmentChanged('2026-03-21T10:00:00.000Z', { to: 'churned', segments: ['churned', 'loyal'], entered: ['churned'] }), customer: customer(), plan: churned.plan });
      expect(plannedOf(again!, 'win_back')).toEqual([]);
      const back = decide({ cause: visit('2026-03-25T10:00:00.000Z', { odometerKm: 9000 }), customer: customer(), vehicle: vehicle(), plan: churned.plan });
      expect(back.revision.withdrawn).toEqual(expect.arrayContaining([{ callbackId: plannedOf(churned.revision, 'win_back')[0].callbackId, reason: 'newer_visit', rule: 'R-SG-1' }]));
      // ...and the lapsed calls still pending (9 and 12 months), with six new ones from this visit (R-CB-6).
      const pending = plannedOf(visited.revision, 'lapsed').filter((p) => p.dueAt > '2026-03-25T10:00:00.000Z').map((p) => p.callbackId);
      expect(pending).toHaveLength(2);
      expect(back.revision.withdrawn).toEqual(expect.arrayContaining(pending.map((callbackId) => ({ callbackId, reason: 'newer_visit', rule: 'R-CB-6' }))));
      expect(plannedOf(back.revision, 'lapsed')).toHaveLength(6);
    });

    it('lets a win-back call take the slot of a lapsed call still waiting, which moves within its week (throttle: win-back > lapsed)', () => {
      const visited = decide({ cause: visit('2025-09-01T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const sixMonths = plannedOf(visited.revision, 'lapsed').find((p) => p.dueAt === '2026-03-01T10:00:00.000Z')!;
      const { revision } = decide({ cause: segmentChanged('2026-02-27T10:00:00.000Z', { to: 'churned', segments: ['churned'], entered: ['churned'] }), customer: customer(), plan: visited.plan });
      expect(plannedOf(revision, 'win_back')).toEqual([expect.objectContaining({ dueAt: '2026-02-27T10:00:00.000Z', postponedFrom: null })]);
      expect(revision.rescheduled).toEqual([{ callbackId: sixMonths.callbackId, dueAt: '2026-03-06T10:00:00.000Z', previousDueAt: '2026-03-01T10:00:00.000Z', reason: 'throttled', rule: 'R-CB-6' }]);
      expect(revision.withdrawn).toEqual([]);
    });

    it('postpones a win-back call behind a lapsed call already due (a call already due keeps its slot)', () => {
      const visited = decide({ cause: visit('2025-09-01T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const { revision } = decide({ cause: segmentChanged('2026-03-01T10:00:00.000Z', { to: 'churned', segments: ['churned'], entered: ['churned'] }), customer: customer(), plan: visited.plan });
      expect(plannedOf(revision, 'win_back')).toEqual([expect.objectContaining({ dueAt: '2026-03-08T10:00:00.000Z', postponedFrom: '2026-03-01T10:00:00.000Z' })]);
      expect(revision.rescheduled).toEqual([]);
      expect(revision.withdrawn).toEqual([]);
    });

    it('never plans a win-back call for a customer who refused them', () => {
      const { revision } = decide({ cause: segmentChanged('2026-03-01T10:00:00.000Z', { to: 'churned', segments: ['churned'], entered: ['churned'] }), customer: customer({ doNotCall: ['win_back'] }) });
      expect(revision.skipped).toEqual([expect.objectContaining({ type: 'win_back', reason: 'do_not_call' })]);
    });
  });

  describe('contact hygiene', () => {
    it('never plans a kind of call the customer asked not to receive, and says why', () => {
      const { revision } = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer({ doNotCall: ['lapsed'] }), vehicle: vehicle() });
      expect(plannedOf(revision, 'lapsed')).toEqual([]);
      expect(revision.skipped.filter((s) => s.type === 'lapsed').every((s) => s.reason === 'do_not_call')).toBe(true);
    });

    it('withdraws the pending calls of a kind the customer now refuses', () => {
      const visited = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const prefs = cause('ContactPreferencesSet', { customerId: 'c1', doNotCall: ['lapsed'] }, '2026-03-10T09:00:00.000Z');
      const { revision } = decide({ cause: prefs, customer: customer({ doNotCall: ['lapsed'] }), plan: visited.plan });
      expect(revision.withdrawn.map((w) => w.callbackId).sort()).toEqual(plannedOf(visited.revision, 'lapsed').map((p) => p.callbackId).sort());
      expect(revision.withdrawn.every((w) => w.reason === 'do_not_call')).toBe(true);
    });

    it('skips a greeting that falls within 7 days of a call of higher precedence, names the call that kept the slot, and greets at the next holiday', () => {
      // The lapsed call 3.5 months after the visit falls on 2026-06-24; a holiday greeting on 2026-06-18 is within 7 days.
      const visited = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const prefs = cause('ContactPreferencesSet', { customerId: 'c1', doNotCall: [] }, '2026-03-10T09:00:00.000Z');
      const { revision } = decide({ cause: prefs, customer: customer(), plan: visited.plan });
      const lapsedJune = plannedOf(visited.revision, 'lapsed').find((p) => p.dueAt.startsWith('2026-06-24'))!;
      expect(revision.skipped).toEqual([expect.objectContaining({ type: 'holiday', dueAt: '2026-06-18T00:00:00.000Z', reason: 'throttled', keptCallbackId: lapsedJune.callbackId })]);
      expect(plannedOf(revision, 'holiday')).toEqual([expect.objectContaining({ dueAt: '2026-09-24T00:00:00.000Z' })]);
    });

    it('does not re-plan withdrawn lapsed calls when the customer allows them again: the next visit starts the series (R-CB-6)', () => {
      const visited = decide({ cause: visit('2026-03-09T10:00:00.000Z'), customer: customer(), vehicle: vehicle() });
      const refused = decide({ cause: cause('ContactPreferencesSet', { customerId: 'c1', doNotCall: ['lapsed'] }, '2026-03-10T09:00:00.000Z'), customer: customer({ doNotCall: ['lapsed'] }), plan: visited.plan });
      expect(refused.revision.withdrawn).toHaveLength(6);
      const allowed = planCareCalls({ cause: cause('ContactPreferencesSet', { customerId: 'c1', doNotCall: [] }, '2026-04-01T09:00:00.000Z'), customer: customer(), plan: refused.plan });
      expect((allowed?.planned ?? []).filter((p) => p.type === 'lapsed')).toEqual([]);
      const back = decide({ cause: visit('2026-04-02T10:00:00.000Z', { odometerKm: 4000 }), customer: customer(), vehicle: vehicle(), plan: refused.plan });
      expect(plannedOf(back.revision, 'lapsed')).toHaveLength(6);
    });

    it('lets a reminder of higher precedence push a queued greeting out of its slot', () => {
      const registered = decide({ cause: cause('CustomerRegistered', { customerId: 'c1' }, '2026-03-10T09:00:00.000Z'), customer: customer({ birthDate: '1985-01-20' }) });
      const birthday = plannedOf(registered.revision, 'birthday')[0];
      expect(birthday.dueAt).toBe('2027-01-20T00:00:00.000Z');
      // The insurance reminder falls on 2027-01-18, within 7 days of the birthday call.
      const delivered = cause('VehicleRegistered', { vin: VIN, customerId: 'c1' }, '2026-03-11T09:00:00.000Z');
      const { revision } = decide({ cause: delivered, customer: customer({ birthDate: '1985-01-20' }), vehicle: vehicle({ insuranceExpiry: '2027-02-17T00:00:00.000Z' }), plan: registered.plan });
      const insurance = plannedOf(revision, 'insurance_renewal')[0];
      expect(insurance).toMatchObject({ dueAt: '2027-01-18T00:00:00.000Z', postponedFrom: null });
      expect(revision.withdrawn).toEqual([{ callbackId: birthday.callbackId, reason: `throttled: ${insurance.callbackId} kept the slot`, rule: 'R-CB-9' }]);
      expect(plannedOf(revision, 'birthday')[0].dueAt).toBe('2028-01-20T00:00:00.000Z');
    });

    it('postpones a reminder of lower precedence into the first free slot before its date', () => {
      // Insurance expiring 2027-03-01 is reminded on 2027-01-30, the day the annual inspection reminder would fall.
      const delivered = cause('VehicleRegistered', { vin: VIN, customerId: 'c1' }, '2026-03-01T09:00:00.000Z');
      const { revision } = decide({ cause: delivered, customer: customer(), vehicle: vehicle({ insuranceExpiry: '2027-03-01T00:00:00.000Z' }) });
      expect(plannedOf(revision, 'insurance_renewal')[0]).toMatchObject({ dueAt: '2027-01-30T00:00:00.000Z', postponedFrom: null });
      expect(plannedOf(revision, 'annual_inspection')[0]).toMatchObject({ dueAt: '2027-02-06T00:00:00.000Z', postponedFrom: '2027-01-30T00:00:00.000Z' });
    });

    it('never throttles a complaint follow-up', () => {
      const registered = decide({ cause: cause('CustomerRegistered', { customerId: 'c1' }, '2026-03-10T09:00:00.000Z'), customer: customer({ birthDate: '1985-03-13' }) });
      const c = cause('ComplaintResolved', { complaintId: 'k1', followUpDueAt: '2026-03-13T09:00:00.000Z' }, '2026-03-11T09:00:00.000Z');
      const { revision } = decide({ cause: c, customer: customer({ birthDate: '1985-03-13' }), complaint: { complaintId: 'k1', vin: null }, plan: registered.plan });
      expect(revision.planned).toEqual([expect.objectContaining({ type: 'complaint_follow_up', dueAt: '2026-03-13T09:00:00.000Z', postponedFrom: null })]);
    });
  });
});
