import type { Clock } from '@aftercare/kernel';
import type { CommandContext, StreamDecision } from '@aftercare/platform';
import type { ComplaintEvent, StampedComplaintEvent } from './domain/complaint.events';
import { ComplaintState, evolveComplaint, initialComplaintState } from './domain/complaint.state';
import { complaintStream } from './domain/complaint.stream';
import { ComplaintErrors } from './domain/complaint.errors';
import type { ComplaintStep } from './domain/complaint.step';

/**
 * Who and when of a step: the actor from the request, business time from the
 * client's occurredAt (default now), recorded time from the clock. Normalised to
 * ISO so stored times compare as strings.
 */
export function complaintStep(ctx: CommandContext, complaintId: string, occurredAt: string | undefined, clock: Clock): ComplaintStep {
  const recordedAt = clock.now().toISOString();
  const step = { complaintId, by: ctx.actor, occurredAt: occurredAt ? new Date(occurredAt).toISOString() : recordedAt, recordedAt };
  if (!occurredAt) undatedSteps.set(step, clock);
  return step;
}

/** Steps the client did not date: they happen "now", read again at each decision (see onComplaint). */
const undatedSteps = new WeakMap<ComplaintStep, Clock>();

/** The CommandRunner's view of a step on an existing complaint: load, fold, decide, append (ARCHITECTURE.md "Write side"). */
export function onComplaint(step: ComplaintStep, decide: (state: ComplaintState) => ComplaintEvent[]): StreamDecision<ComplaintState, StampedComplaintEvent> {
  const clock = undatedSteps.get(step);
  const decision: StreamDecision<ComplaintState, StampedComplaintEvent> = {
    stream: complaintStream(step.complaintId),
    initialState: initialComplaintState,
    evolve: evolveComplaint,
    dealerId: (state) => state.dealerId,
    occurredAt: step.occurredAt,
    notFound: () => ComplaintErrors.notFound(step.complaintId),
    decide: (state) => {
      if (clock) {
        // An undated step happens when it is decided. After a revision conflict the
        // runner decides again on the stream a concurrent writer left, whose step may
        // carry a later "now" than this request's first look at the clock: that must
        // not make this step "before the previous step" (409). The deciders read the
        // step when called, the runner reads decision.occurredAt after decide().
        const now = clock.now().toISOString();
        step.occurredAt = now;
        step.recordedAt = now;
        decision.occurredAt = now;
      }
      return decide(state);
    },
  };
  return decision;
}
