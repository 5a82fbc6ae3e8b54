import { deciderSpec } from '@aftercare/kernel';
import { ClaimCallback, decideClaimCallback } from './claim-callback.command';
import { CallbackState, evolveCallback, initialCallbackState } from '../domain/callback.state';
import type { CallbackEvent } from '../domain/callback.events';
import { agentMa, agentWu, scheduledCallback } from '../testing/callback-history.fixture';

const spec = deciderSpec<ClaimCallback, CallbackState, CallbackEvent>({ decide: decideClaimCallback, evolve: evolveCallback, initialState: initialCallbackState });
const claim = (by = agentWu): ClaimCallback => ({ callbackId: 'cb1', by, claimedAt: '2026-03-12T09:00:00.000Z' });
const claimed = (agentId: string): CallbackEvent => ({ type: 'CallbackClaimed', data: { callbackId: 'cb1', agentId, claimedAt: '2026-03-12T08:00:00.000Z' } });

describe('claiming a callback (R-CB-11)', () => {
  it('lets an agent take a queued callback', () => {
    spec.given([scheduledCallback()]).when(claim()).then([{ type: 'CallbackClaimed', data: { callbackId: 'cb1', agentId: 'agent-wu', claimedAt: '2026-03-12T09:00:00.000Z' } }]);
  });

  it('refuses a second agent while the first holds it', () => {
    spec.given([scheduledCallback(), claimed('agent-wu')]).when(claim(agentMa)).thenThrows('CALLBACK.ALREADY_CLAIMED');
  });

  it('changes nothing when the same agent claims again', () => {
    spec.given([scheduledCallback(), claimed('agent-wu')]).when(claim()).then([]);
  });

  it("keeps a high-value customer's call for the advisor it is routed to", () => {
    spec.given([scheduledCallback({ assigneeId: 'sa-li' })]).when(claim()).thenThrows('CALLBACK.ASSIGNED_TO_OTHER');
    spec.given([scheduledCallback({ assigneeId: 'sa-li' })]).when(claim({ id: 'sa-li', role: 'service_advisor', dealerId: 'D1' })).then((events) => expect(events).toHaveLength(1));
  });

  describe('after an unanswered attempt (R-CB-12)', () => {
    const unanswered: CallbackEvent[] = [
      claimed('agent-wu'),
      { type: 'CallbackAttemptRecorded', data: { callbackId: 'cb1', customerId: 'c1', attemptNo: 1, agentId: 'agent-wu', attemptedAt: '2026-03-12T08:30:00.000Z', reached: false, satisfaction: null, feedback: null, notes: null, csi: null, complaint: null } },
      { type: 'CallbackRetryScheduled', data: { callbackId: 'cb1', dueAt: '2026-03-13T08:30:00.000Z', attemptsLeft: 2, rule: 'R-CB-12' } },
    ];

    it('refuses a claim before the retry time with CALLBACK.RETRY_NOT_DUE, for any agent', () => {
      spec.given([scheduledCallback(), ...unanswered]).when(claim()).thenThrows('CALLBACK.RETRY_NOT_DUE');
      spec.given([scheduledCallback(), ...unanswered]).when({ ...claim(agentMa), claimedAt: '2026-03-13T08:29:59.999Z' }).thenThrows('CALLBACK.RETRY_NOT_DUE');
    });

    it('lets the call be claimed again from the retry time on', () => {
      spec.given([scheduledCallback(), ...unanswered]).when({ ...claim(agentMa), claimedAt: '2026-03-13T08:30:00.000Z' })
        .then([{ type: 'CallbackClaimed', data: { callbackId: 'cb1', agentId: 'agent-ma', claimedAt: '2026-03-13T08:30:00.000Z' } }]);
    });
  });

  it('refuses a callback that has ended', () => {
    spec.given([scheduledCallback(), { type: 'CallbackCancelled', data: { callbackId: 'cb1', reason: 'newer_visit', rule: 'R-CB-6', causationEventId: 'e2' } }])
      .when(claim()).thenThrows('CALLBACK.CLOSED');
  });

  it("refuses another dealer's agent", () => {
    spec.given([scheduledCallback()]).when(claim({ id: 'agent-x', role: 'callback_agent', dealerId: 'D2' })).thenThrows('AUTH.OUT_OF_SCOPE');
  });

  it('refuses a role that does not work the queue', () => {
    spec.given([scheduledCallback()]).when(claim({ id: 'gm', role: 'dealer_general_manager', dealerId: 'D1' })).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});
