import type { Actor } from '@aftercare/kernel';
import type { ComplaintState } from './complaint.state';
import { ComplaintErrors } from './complaint.errors';
import { assertMayDo, ComplaintAction } from './complaint.policy';

/** What every command on an existing complaint carries besides its own data. */
export interface ComplaintStep {
  complaintId: string;
  by: Actor;
  /** Business time of the step (API.md: facts that happened earlier carry occurredAt). */
  occurredAt: string;
  /** The clock's now, when the step is recorded. */
  recordedAt: string;
}

/**
 * The checks every step starts with, in the order clients see them: the complaint
 * exists, the caller's role and dealer may take this step (complaint.policy.ts),
 * and a closed complaint takes no step but reopening (R-CP-6).
 */
export function openStep(action: ComplaintAction, step: ComplaintStep, state: ComplaintState, options: { onClosed?: 'allowed' } = {}): void {
  if (!state.exists) throw ComplaintErrors.notFound(step.complaintId);
  assertMayDo(action, step.by, state.dealerId);
  if (state.status === 'closed' && options.onClosed !== 'allowed') throw ComplaintErrors.alreadyClosed();
}

/**
 * Every step records when it happened (DOMAIN.md "Every step records who and
 * when"): never in the future, and never before the step it follows, so the
 * timeline is in business-time order and an as-of read is a prefix of it.
 */
export function assertDatedInOrder(step: Pick<ComplaintStep, 'occurredAt' | 'recordedAt'>, state: Pick<ComplaintState, 'lastStepAt'>): void {
  if (Date.parse(step.occurredAt) > Date.parse(step.recordedAt)) throw ComplaintErrors.occurredInFuture();
  if (state.lastStepAt && Date.parse(step.occurredAt) < Date.parse(state.lastStepAt)) throw ComplaintErrors.beforePreviousStep(state.lastStepAt);
}
