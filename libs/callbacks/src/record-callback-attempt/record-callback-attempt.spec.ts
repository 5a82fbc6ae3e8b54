import { deciderSpec } from '@aftercare/kernel';
import { decideRecordCallbackAttempt, RecordCallbackAttempt } from './record-callback-attempt.command';
import { CallbackState, evolveCallback, initialCallbackState } from '../domain/callback.state';
import type { CallbackEvent } from '../domain/callback.events';
import { agentMa, agentWu, scheduledCallback } from '../testing/callback-history.fixture';

const spec = deciderSpec<RecordCallbackAttempt, CallbackState, CallbackEvent>({
  decide: decideRecordCallbackAttempt,
  evolve: evolveCallback,
  initialState: initialCallbackState,
});
const claimedAt = (at: string, agentId = 'agent-wu'): CallbackEvent => ({ type: 'CallbackClaimed', data: { callbackId: 'cb1', agentId, claimedAt: at } });
const attempt = (over: Partial<RecordCallbackAttempt> = {}): RecordCallbackAttempt => ({
  callbackId: 'cb1', by: agentWu, attemptedAt: '2026-03-12T10:00:00.000Z', recordedAt: '2026-03-12T10:05:00.000Z', reached: false, satisfaction: null,
  feedback: null, notes: null, csi: null, complaint: null, ...over,
});
/** What an unanswered call leaves in the stream, for building up history. */
const unanswered = (no: number, at: string): CallbackEvent[] => [
  claimedAt(at),
  { type: 'CallbackAttemptRecorded', data: { callbackId: 'cb1', customerId: 'c1', attemptNo: no, agentId: 'agent-wu', attemptedAt: at, reached: false, satisfaction: null, feedback: null, notes: null, csi: null, complaint: null } },
  { type: 'CallbackRetryScheduled', data: { callbackId: 'cb1', dueAt: at, attemptsLeft: 3 - no, rule: 'R-CB-12' } },
];
const types = (events: CallbackEvent[]) => events.map((e) => e.type);

describe('recording a callback attempt', () => {
  describe('not reached (R-CB-12)', () => {
    it('releases the call and makes it due again a day later', () => {
      spec.given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z')]).when(attempt()).then((events) => {
        expect(types(events)).toEqual(['CallbackAttemptRecorded', 'CallbackRetryScheduled']);
        expect(events[1].data).toEqual({ callbackId: 'cb1', dueAt: '2026-03-13T10:00:00.000Z', attemptsLeft: 2, rule: 'R-CB-12' });
      });
    });

    it('ends unreachable after the third unanswered attempt', () => {
      spec
        .given([scheduledCallback(), ...unanswered(1, '2026-03-12T10:00:00.000Z'), ...unanswered(2, '2026-03-13T10:00:00.000Z'), claimedAt('2026-03-14T09:00:00.000Z')])
        .when(attempt({ attemptedAt: '2026-03-14T10:00:00.000Z', recordedAt: '2026-03-14T10:00:00.000Z' }))
        .then((events) => {
          expect(types(events)).toEqual(['CallbackAttemptRecorded', 'CallbackUnreachable']);
          expect(events[1].data).toMatchObject({ attempts: 3, rule: 'R-CB-12' });
        });
    });

    it('ends unreachable when the retry window of 3 days has passed, whatever the count', () => {
      spec
        .given([scheduledCallback(), ...unanswered(1, '2026-03-12T10:00:00.000Z'), claimedAt('2026-03-16T09:00:00.000Z')])
        .when(attempt({ attemptedAt: '2026-03-16T10:00:00.000Z', recordedAt: '2026-03-16T10:00:00.000Z' }))
        .then((events) => expect(types(events)).toEqual(['CallbackAttemptRecorded', 'CallbackUnreachable']));
    });

    it('refuses an outcome for a customer who was not reached', () => {
      spec.given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z')]).when(attempt({ satisfaction: 4 })).thenThrows('CALLBACK.OUTCOME_WITHOUT_REACH');
    });
  });

  describe('reached', () => {
    it('completes the call with its satisfaction, feedback and CSI scores', () => {
      spec
        .given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z')])
        .when(attempt({ reached: true, satisfaction: 4, feedback: 'suggestion', csi: { service_quality: 9, vehicle_pickup: 8 } }))
        .then((events) => {
          expect(types(events)).toEqual(['CallbackAttemptRecorded', 'CallbackCompleted']);
          expect(events[1].data).toMatchObject({ satisfaction: 4, feedback: 'suggestion', type: 'post_service', agentId: 'agent-wu' });
        });
    });

    it('credits praise to the advisor of the visit (R-CP-7)', () => {
      spec.given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z')]).when(attempt({ reached: true, satisfaction: 5, feedback: 'praise', notes: 'Li explained everything' }))
        .then((events) => {
          expect(events[2]).toEqual({
            type: 'PraiseCredited',
            data: { callbackId: 'cb1', dealerId: 'D1', advisorId: 'sa-li', customerId: 'c1', visitId: 'v1', notes: 'Li explained everything', creditedAt: '2026-03-12T10:00:00.000Z', rule: 'R-CP-7' },
          });
        });
    });

    it('records what the complaint will say when the call found one', () => {
      spec.given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z')]).when(attempt({ reached: true, feedback: 'complaint', notes: 'noise is back' }))
        .then((events) => expect(events[0].data).toMatchObject({ complaint: { subject: 'repair_quality', severity: 'normal' } }));
    });

    it('asks for the invitation letter within 2 days after an invitation call (R-CB-10)', () => {
      spec
        .given([scheduledCallback({ type: 'event_invitation', rule: 'R-CB-10', subject: { careEventId: 'e1' } }), claimedAt('2026-03-12T09:00:00.000Z')])
        .when(attempt({ reached: true, satisfaction: null }))
        .then((events) => expect(events[2]).toEqual({
          type: 'InvitationLetterRequested',
          data: { callbackId: 'cb1', customerId: 'c1', careEventId: 'e1', dueAt: '2026-03-14T10:00:00.000Z', rule: 'R-CB-10' },
        }));
    });

    it('refuses a satisfaction outside 1–5 and a CSI score outside 1–10', () => {
      spec.given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z')]).when(attempt({ reached: true, satisfaction: 6 })).thenThrows('CALLBACK.INVALID_SCORE');
      spec.given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z')]).when(attempt({ reached: true, csi: { service_quality: 11 } })).thenThrows('CALLBACK.INVALID_SCORE');
    });
  });

  it('refuses an attempt on a callback nobody claimed', () => {
    spec.given([scheduledCallback()]).when(attempt()).thenThrows('CALLBACK.NOT_CLAIMED');
  });

  it('refuses an attempt by an agent who does not hold the claim', () => {
    spec.given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z')]).when(attempt({ by: agentMa })).thenThrows('CALLBACK.CLAIMED_BY_OTHER');
  });

  it('refuses another attempt once the call is done (a retried request opens no second complaint)', () => {
    spec
      .given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z'), {
        type: 'CallbackCompleted',
        data: { callbackId: 'cb1', customerId: 'c1', type: 'post_service', agentId: 'agent-wu', completedAt: '2026-03-12T10:00:00.000Z', satisfaction: 1, feedback: 'complaint' },
      }])
      .when(attempt({ reached: true, feedback: 'complaint' }))
      .thenThrows('CALLBACK.CLOSED');
  });

  it('refuses an attempt dated in the future', () => {
    spec.given([scheduledCallback(), claimedAt('2026-03-12T09:00:00.000Z')]).when(attempt({ attemptedAt: '2026-03-12T11:00:00.000Z' })).thenThrows('CALLBACK.OCCURRED_IN_FUTURE');
  });
});
