import { deciderSpec } from '@aftercare/kernel';
import { AdjustPlannedCallback, decideAdjustPlannedCallback } from './adjust-planned-callback.command';
import { CallbackState, evolveCallback, initialCallbackState } from '../domain/callback.state';
import type { CallbackEvent } from '../domain/callback.events';
import { scheduledCallback } from '../testing/callback-history.fixture';

const spec = deciderSpec<AdjustPlannedCallback, CallbackState, CallbackEvent>({
  decide: decideAdjustPlannedCallback as (c: AdjustPlannedCallback, s: CallbackState) => CallbackEvent[],
  evolve: evolveCallback,
  initialState: initialCallbackState,
});
const withdraw: AdjustPlannedCallback = { kind: 'withdraw', callbackId: 'cb1', reason: 'newer_visit', rule: 'R-CB-6', causationEventId: 'e-visit-2' };
const done: CallbackEvent = {
  type: 'CallbackCompleted',
  data: { callbackId: 'cb1', customerId: 'c1', type: 'lapsed', agentId: 'agent-wu', completedAt: '2026-03-25T10:00:00.000Z', satisfaction: 5, feedback: null },
};

describe("the care plan's changes to a queued call", () => {
  it('withdraws a pending lapsed call when a newer visit comes (R-CB-6)', () => {
    spec.given([scheduledCallback({ type: 'lapsed', rule: 'R-CB-6' })]).when(withdraw)
      .then([{ type: 'CallbackCancelled', data: { callbackId: 'cb1', reason: 'newer_visit', rule: 'R-CB-6', causationEventId: 'e-visit-2' } }]);
  });

  it('leaves a call the agent already completed as it ended', () => {
    spec.given([scheduledCallback({ type: 'lapsed', rule: 'R-CB-6' }), done]).when(withdraw).then([]);
  });

  it('moves a reminder whose forecast changed, and does nothing when it did not (R-CB-5)', () => {
    const move: AdjustPlannedCallback = { kind: 'reschedule', callbackId: 'cb1', dueAt: '2026-04-01T00:00:00.000Z', previousDueAt: '2026-03-12T10:00:00.000Z', reason: 'mileage_forecast', rule: 'R-CB-5', causationEventId: 'e' };
    spec.given([scheduledCallback()]).when(move).then((events) => expect(events[0].data).toMatchObject({ dueAt: '2026-04-01T00:00:00.000Z', previousDueAt: '2026-03-12T10:00:00.000Z' }));
    spec.given([scheduledCallback({ dueAt: '2026-04-01T00:00:00.000Z' })]).when(move).then([]);
  });
});
