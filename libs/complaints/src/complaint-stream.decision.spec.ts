import { FixedClock } from '@aftercare/kernel';
import type { CommandContext } from '@aftercare/platform';
import { complaintStep, onComplaint } from './complaint-stream.decision';
import { initialComplaintState, type ComplaintState } from './domain/complaint.state';
import { decideSendInterimReply } from './send-interim-reply/send-interim-reply.command';
import { actors } from './testing/complaint-history.fixture';

const T = '2026-03-10T09:00:00.000Z';
const LATER = '2026-03-10T09:00:00.005Z';
const ctx: CommandContext = { actor: actors.agent, correlationId: 'c-1', causationId: null, idempotencyKey: null, expectedRevision: null };
/** An acknowledged complaint whose latest step a concurrent request stored 5 ms after this request read the clock. */
const state: ComplaintState = { ...initialComplaintState(), exists: true, complaintId: 'cp-1', dealerId: 'D1', status: 'acknowledged', receivedAt: T, openSince: T, lastStepAt: LATER };

describe('the time of a step decided again after a revision conflict', () => {
  it('is "now" at that decision when the client gave none: a concurrent later step does not make it a 409 BEFORE_PREVIOUS_STEP', () => {
    const clock = new FixedClock(T);
    const step = complaintStep(ctx, 'cp-1', undefined, clock);
    const decision = onComplaint(step, (s) => decideSendInterimReply({ ...step, message: 'on it' }, s));
    clock.set(LATER); // the runner re-reads the stream after the conflict, and decides again
    expect(decision.decide(state, 1)).toHaveLength(1);
    expect(decision.occurredAt).toBe(LATER);
  });

  it('stays what the client said when it gave one: an earlier date is still refused', () => {
    const clock = new FixedClock(T);
    const step = complaintStep(ctx, 'cp-1', T, clock);
    const decision = onComplaint(step, (s) => decideSendInterimReply({ ...step, message: 'on it' }, s));
    clock.set(LATER);
    expect(() => decision.decide(state, 1)).toThrow(expect.objectContaining({ code: 'COMPLAINT.BEFORE_PREVIOUS_STEP' }));
    expect(decision.occurredAt).toBe(T);
  });
});
