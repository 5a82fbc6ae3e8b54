import type { Actor } from '@aftercare/kernel';
import { CallbacksTestBed, eventsOf, openCallbacksTestBed, VIN } from '../testing/callbacks-test-bed.fixture';
import { scheduledCallback } from '../testing/callback-history.fixture';
import { openComplaintWhenCallbackFindsOne } from './open-complaint-when-callback-finds-one.reaction';

const agent: Actor = { id: 'agent-wu', role: 'callback_agent', dealerId: 'D1' };

describe('a callback that finds a complaint', () => {
  let bed: CallbacksTestBed;
  beforeEach(async () => {
    bed = await openCallbacksTestBed('2026-03-12T11:00:00.000Z');
    await bed.registerCustomer('c1');
    await bed.registerVehicle('c1');
  });
  afterEach(() => bed.close());

  async function callFindingComplaint(feedback: string): Promise<void> {
    await bed.publish('callback-cb1', 'CallbackScheduled', scheduledCallback().data, '2026-03-09T10:00:00.000Z');
    await bed.publish('callback-cb1', 'CallbackClaimed', { callbackId: 'cb1', agentId: 'agent-wu', claimedAt: '2026-03-12T10:00:00.000Z' }, '2026-03-12T10:00:00.000Z', agent);
    await bed.publish('callback-cb1', 'CallbackAttemptRecorded', {
      callbackId: 'cb1', customerId: 'c1', attemptNo: 1, agentId: 'agent-wu', attemptedAt: '2026-03-12T10:30:00.000Z', reached: true, satisfaction: 1, feedback,
      notes: 'the noise is back', csi: null, complaint: feedback === 'complaint' ? { subject: 'repair_quality', expectedResolution: 'repair it for free', severity: 'normal' } : null,
    }, '2026-03-12T10:30:00.000Z', agent);
  }
  const react = () => bed.react([openComplaintWhenCallbackFindsOne({ eventStore: bed.eventStore, runner: bed.runner, clock: bed.clock })]);

  it('opens one complaint linked to the callback, taken by the agent who made the call', async () => {
    await callFindingComplaint('complaint');
    await react();
    const complaints = (await eventsOf(bed.eventStore, 'complaint')).filter((e) => e.type === 'ComplaintReceived');
    expect(complaints).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          customerId: 'c1', vin: VIN, channel: 'callback', callbackId: 'cb1', subject: 'repair_quality', description: 'the noise is back',
          expectedResolution: 'repair it for free', severity: 'normal', takenBy: 'agent-wu', receivedAt: '2026-03-12T10:30:00.000Z',
        }),
      }),
    ]);
  });

  it('opens it exactly once when the reaction runs again over the same call', async () => {
    await callFindingComplaint('complaint');
    await react();
    const head = await bed.eventStore.headPosition();
    await bed.forgetCheckpoints();
    await react();
    expect(await bed.eventStore.headPosition()).toBe(head);
    expect((await eventsOf(bed.eventStore, 'complaint')).filter((e) => e.type === 'ComplaintReceived')).toHaveLength(1);
  });

  it('opens none for criticism', async () => {
    await callFindingComplaint('criticism');
    await react();
    expect(await eventsOf(bed.eventStore, 'complaint')).toEqual([]);
  });
});
