import { CallbacksTestBed, openCallbacksTestBed } from '../../testing/callbacks-test-bed.fixture';
import { scheduledCallback } from '../../testing/callback-history.fixture';
import { CALLBACK_QUEUE, CallbackDoc } from './callback-queue.document';
import { CALLBACK_REPORT_DAYS, CallbackReportDayDoc } from '../callback-report/callback-report.counters';
import { CSI_MONTHS, CsiMonthDoc } from '../csi-report/csi-report.counters';

describe('the callbacks read model', () => {
  let bed: CallbacksTestBed;
  beforeEach(async () => {
    bed = await openCallbacksTestBed();
  });
  afterEach(() => bed.close());

  const days = async () => (await bed.readModels.collection<CallbackReportDayDoc>(CALLBACK_REPORT_DAYS).find({})).map(({ _id, ...rest }) => ({ key: _id, ...rest }) as Record<string, unknown> & { due?: number });
  const callbackAt = (id: string) => `callback-${id}`;

  it('counts a callback as due on its due day, and as done, reached and satisfied for the agent who worked it (R-CB-13)', async () => {
    await bed.publish(callbackAt('cb1'), 'CallbackScheduled', scheduledCallback().data);
    await bed.publish(callbackAt('cb1'), 'CallbackClaimed', { callbackId: 'cb1', agentId: 'agent-wu', claimedAt: '2026-03-12T09:00:00.000Z' });
    await bed.publish(callbackAt('cb1'), 'CallbackAttemptRecorded', {
      callbackId: 'cb1', customerId: 'c1', attemptNo: 1, agentId: 'agent-wu', attemptedAt: '2026-03-12T10:00:00.000Z', reached: true, satisfaction: 5,
      feedback: 'praise', notes: null, csi: { service_quality: 9, product_problems: 7 }, complaint: null,
    });
    await bed.publish(callbackAt('cb1'), 'CallbackCompleted', {
      callbackId: 'cb1', customerId: 'c1', type: 'post_service', agentId: 'agent-wu', completedAt: '2026-03-12T10:00:00.000Z', satisfaction: 5, feedback: 'praise',
    });
    await bed.projected();
    // The unassigned pool's counters went back to 0 when the agent took the call.
    expect((await days()).filter((d) => d.due)).toEqual([
      { key: 'D1|2026-03-12|agent-wu', dealerId: 'D1', day: '2026-03-12', agentId: 'agent-wu', due: 1, done: 1, reached: 1, rated: 1, satisfied: 1 },
    ]);
    const csi = await bed.readModels.collection<CsiMonthDoc>(CSI_MONTHS).findOne({ _id: 'D1|sa-li|2026-03' });
    expect(csi).toMatchObject({ responses: 1, factorSums: { service_quality: 9, product_problems: 7 }, factorCounts: { service_quality: 1, product_problems: 1 }, praise: 1 });
    const doc = await bed.readModels.collection<CallbackDoc>(CALLBACK_QUEUE).findOne({ _id: 'cb1' });
    expect(doc).toMatchObject({ status: 'done', queueState: 'closed', outcome: { satisfaction: 5, feedback: 'praise', agentId: 'agent-wu' } });
  });

  it('moves a rescheduled callback to its new due day and drops a cancelled one from due', async () => {
    await bed.publish(callbackAt('cb1'), 'CallbackScheduled', scheduledCallback().data);
    await bed.publish(callbackAt('cb1'), 'CallbackRescheduled', { callbackId: 'cb1', dueAt: '2026-03-20T10:00:00.000Z', previousDueAt: '2026-03-12T10:00:00.000Z', reason: 'mileage_forecast', rule: 'R-CB-5', causationEventId: 'e' });
    await bed.projected();
    expect((await days()).filter((d) => d.due)).toEqual([expect.objectContaining({ day: '2026-03-20', due: 1 })]);
    await bed.publish(callbackAt('cb1'), 'CallbackCancelled', { callbackId: 'cb1', reason: 'newer_visit', rule: 'R-CB-6', causationEventId: 'e2' });
    await bed.projected();
    expect((await days()).every((d) => !d.due)).toBe(true);
  });

  it('keeps the routed advisor as assignee until an agent claims, and gives it back when the call is released', async () => {
    await bed.publish(callbackAt('cb1'), 'CallbackScheduled', scheduledCallback({ assigneeId: 'sa-li' }).data);
    await bed.publish(callbackAt('cb1'), 'CallbackClaimed', { callbackId: 'cb1', agentId: 'csm-zhao', claimedAt: '2026-03-12T09:00:00.000Z' });
    await bed.projected();
    const queue = bed.readModels.collection<CallbackDoc>(CALLBACK_QUEUE);
    expect(await queue.findOne({ _id: 'cb1' })).toMatchObject({ assigneeId: 'csm-zhao', routedTo: 'sa-li', status: 'claimed' });
    await bed.publish(callbackAt('cb1'), 'CallbackRetryScheduled', { callbackId: 'cb1', dueAt: '2026-03-13T09:00:00.000Z', attemptsLeft: 2, rule: 'R-CB-12' });
    await bed.projected();
    expect(await queue.findOne({ _id: 'cb1' })).toMatchObject({ assigneeId: 'sa-li', status: 'scheduled', dueAt: '2026-03-13T09:00:00.000Z', dueDay: '2026-03-13' });
  });
});
