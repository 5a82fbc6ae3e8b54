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
  return { complaintId, by: ctx.actor, occurredAt: occurredAt ? new Date(occurredAt).toISOString() : recordedAt, recordedAt };
}

/** The CommandRunner's view of a step on an existing complaint: load, fold, decide, append (ARCHITECTURE.md "Write side"). */
export function onComplaint(step: ComplaintStep, decide: (state: ComplaintState) => ComplaintEvent[]): StreamDecision<ComplaintState, StampedComplaintEvent> {
  return {
    stream: complaintStream(step.complaintId),
    initialState: initialComplaintState,
    evolve: evolveComplaint,
    dealerId: (state) => state.dealerId,
    occurredAt: step.occurredAt,
    notFound: () => ComplaintErrors.notFound(step.complaintId),
    decide,
  };
}
