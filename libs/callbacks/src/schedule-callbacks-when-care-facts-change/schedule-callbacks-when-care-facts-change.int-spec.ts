import type { EventStore } from '@aftercare/event-store';
import { CommandRunner } from '@aftercare/platform';
import { CallbacksTestBed, eventsOf, openCallbacksTestBed, VIN } from '../testing/callbacks-test-bed.fixture';
import { scheduleCallbacksWhenCareFactsChange } from './schedule-callbacks-when-care-facts-change.reaction';
import { CALLBACK_QUEUE, CallbackDoc } from '../read-models/callback-queue/callback-queue.document';

describe('the care scheduler on the embedded stores', () => {
  let bed: CallbacksTestBed;
  beforeEach(async () => {
    bed = await openCallbacksTestBed();
  });
  afterEach(() => bed.close());

  async function customerWithTwoVisits(): Promise<void> {
    await bed.registerCustomer('c1', { birthDate: '1985-06-01' });
    await bed.registerVehicle('c1');
    await bed.recordVisit('c1', '2026-03-09T10:00:00.000Z', 7400);
    await bed.recordVisit('c1', '2026-03-10T08:00:00.000Z', 7450);
  }

  it('plans every call once, and a second delivery of the whole log appends nothing (at-least-once)', async () => {
    await customerWithTwoVisits();
    await bed.react();
    const head = await bed.eventStore.headPosition();
    const scheduled = (await eventsOf(bed.eventStore, 'callback')).filter((e) => e.type === 'CallbackScheduled');
    expect(scheduled.filter((e) => e.data.type === 'post_service')).toHaveLength(2);
    await bed.forgetCheckpoints();
    await bed.react();
    expect(await bed.eventStore.headPosition()).toBe(head);
  });

  it('records one care-plan revision per cause, each naming its cause', async () => {
    await customerWithTwoVisits();
    await bed.react();
    const plan = await bed.eventStore.readStream('careplan-c1');
    const causes = plan.map((e) => (e.data as { causationType: string }).causationType);
    expect(causes).toEqual(['CustomerRegistered', 'VehicleRegistered', 'VisitRecorded', 'VisitRecorded']);
    expect(plan.every((e) => e.metadata.causationId === (e.data as { causationEventId: string }).causationEventId)).toBe(true);
  });

  it('repairs a crash between the decision and its effects on the next delivery, without deciding again', async () => {
    await customerWithTwoVisits();
    // The first run fails on every callback append (its causes end up parked): the care plan is written, the queue is not.
    const failing = failOn(bed.eventStore, 'callback-');
    await bed.react([scheduleCallbacksWhenCareFactsChange({ eventStore: failing, runner: new CommandRunner(failing, bed.clock), clock: bed.clock })]);
    const planBefore = await bed.eventStore.readStream('careplan-c1');
    expect(planBefore.length).toBeGreaterThan(0);
    expect((await eventsOf(bed.eventStore, 'callback')).length).toBe(0);
    await bed.forgetCheckpoints();
    await bed.react();
    const plan = await bed.eventStore.readStream('careplan-c1');
    expect(plan.slice(0, planBefore.length).map((e) => e.metadata.eventId)).toEqual(planBefore.map((e) => e.metadata.eventId));
    expect(new Set(plan.map((e) => (e.data as { causationEventId: string }).causationEventId)).size).toBe(plan.length);
    const scheduled = (await eventsOf(bed.eventStore, 'callback')).filter((e) => e.type === 'CallbackScheduled');
    expect(scheduled.filter((e) => e.data.type === 'post_service')).toHaveLength(2);
  });

  it('withdraws the first visit\'s lapsed calls in their own streams when the second visit comes (R-CB-6)', async () => {
    await customerWithTwoVisits();
    await bed.react();
    await bed.projected();
    const docs = await bed.readModels.collection<CallbackDoc>(CALLBACK_QUEUE).find({ customerId: 'c1', type: 'lapsed' });
    expect(docs.filter((d) => d.status === 'cancelled').map((d) => d.cancelReason)).toEqual(Array(6).fill('newer_visit'));
    expect(docs.filter((d) => d.status === 'scheduled')).toHaveLength(6);
    expect(docs.filter((d) => d.status === 'scheduled').map((d) => d.dueAt).sort()[0]).toBe('2026-03-25T08:00:00.000Z');
  });

  it('schedules the complaint follow-up from the complaints context\'s events, subscribed by type (R-CB-7)', async () => {
    await bed.registerCustomer('c1');
    await bed.registerVehicle('c1');
    await bed.publish('complaint-k1', 'ComplaintReceived', { complaintId: 'k1', dealerId: 'D1', customerId: 'c1', vin: VIN, channel: 'phone', callbackId: null });
    await bed.publish('complaint-k1', 'ComplaintResolved', { complaintId: 'k1', summary: 'refunded the second repair', followUpDueAt: '2026-03-12T09:00:00.000Z' });
    await bed.react();
    await bed.projected();
    const followUps = await bed.readModels.collection<CallbackDoc>(CALLBACK_QUEUE).find({ type: 'complaint_follow_up' });
    expect(followUps).toEqual([expect.objectContaining({ customerId: 'c1', vin: VIN, rule: 'R-CB-7', priority: 'urgent', dueAt: '2026-03-12T09:00:00.000Z', subject: { complaintId: 'k1' } })]);
  });

  it("reacts to segmentation's CustomerSegmentChanged, subscribed by type: VIP routing (R-CB-11) and a win-back call (R-SG-1), once", async () => {
    await customerWithTwoVisits();
    const segment = (data: Record<string, unknown>, at: string) =>
      bed.publish('segment-c1', 'CustomerSegmentChanged', {
        customerId: 'c1', dealerId: 'D1', from: null, to: 'regular', segments: [], entered: [], left: [], since: at, reasons: ['bench'], signals: {},
        ruleSetVersion: 1, advisorId: 'sa-zhao', ...data,
      }, at);
    await segment({ to: 'vip', segments: ['vip'], entered: ['vip'] }, '2026-03-10T08:30:00.000Z');
    await segment({ from: 'vip', to: 'vip', segments: ['vip', 'churned'], entered: ['churned'] }, '2026-03-10T08:40:00.000Z');
    await bed.react();
    await bed.projected();
    const queue = bed.readModels.collection<CallbackDoc>(CALLBACK_QUEUE);
    const open = (await queue.find({ customerId: 'c1' })).filter((d) => d.status === 'scheduled');
    expect(open.length).toBeGreaterThan(2);
    expect(open.every((d) => d.assigneeId === 'sa-zhao' && d.priority === 'high')).toBe(true);
    expect(open.filter((d) => d.type === 'win_back')).toEqual([expect.objectContaining({ rule: 'R-SG-1', assigneeId: 'sa-zhao', advisorId: 'sa-zhao' })]);
    const head = await bed.eventStore.headPosition();
    await bed.forgetCheckpoints();
    await bed.react();
    expect(await bed.eventStore.headPosition()).toBe(head);
  });

  it('plans a whole window of customers in shared commits', async () => {
    for (let i = 0; i < 40; i++) {
      await bed.registerCustomer(`c${i}`);
      await bed.registerVehicle(`c${i}`, `LSVAU2180N21${String(83000 + i)}`);
      await bed.recordVisit(`c${i}`, '2026-03-09T10:00:00.000Z', 7400);
    }
    const before = bed.eventStore.stats.commits;
    await bed.react();
    const scheduled = (await eventsOf(bed.eventStore, 'callback')).filter((e) => e.type === 'CallbackScheduled' && e.data.type === 'post_service');
    expect(scheduled).toHaveLength(40);
    // 120 causes, hundreds of appends: a handful of group commits, not one per append.
    expect(bed.eventStore.stats.commits - before).toBeLessThan(20);
  });
});

/** An event store whose appends to streams starting with `prefix` fail (a crash in the middle of a reaction). */
function failOn(store: EventStore, prefix: string): EventStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'append') {
        return (stream: string, ...rest: unknown[]) =>
          stream.startsWith(prefix) ? Promise.reject(new Error(`injected failure on ${stream}`)) : (target.append as (...a: unknown[]) => unknown).call(target, stream, ...rest);
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
