import type { BreakdownLine, ClaimRevised } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { awaitingSteps, statusOf, stepsResetByRevision } from '../domain/claim-progress';
import { checkCompensationApplication } from '../domain/claim-application.rules';
import { ClaimStepCommand, assertInScope, requireClaim, seal, stampOf } from '../domain/claim-step';
import { CURRENCY_PATTERN, DEFAULT_CURRENCY, isMoney } from '../domain/claim-money';

export interface ReviseClaim extends ClaimStepCommand {
  kind: 'ReviseClaim';
  amount: number;
  currency: string | null;
  /** Goodwill compensation: required; goodwill warranty: must be absent. */
  breakdown: BreakdownLine[] | null;
  comment: string | null;
}

/**
 * A rejection is final unless the service director submits a revised application
 * (R-GC-2 "any step may reject"): the revision opens a new round, and every sign-off
 * of the old content waits again (issue: a revision resets prior approvals of the
 * content); the earlier round stays in the history. Goodwill compensation: a new
 * amount and breakdown, which restart the whole sign-off chain. Goodwill warranty: a
 * new approval-form amount, which restarts the signatures and the technical audit; a
 * rejection at the first review comes before any form and is final. A revision is
 * also allowed while the sign-offs are under way, never after the chain approved.
 */
export function decideReviseClaim(command: ReviseClaim, state: ClaimState): ClaimRevised[] {
  requireClaim(state, command.claimId);
  if (command.by.role !== 'service_director') throw ClaimErrors.roleNotAllowed(command.by.role, 'revise the application');
  assertInScope(command.by, state);
  const progress = state.progress;
  if (progress.refusedCode) throw ClaimErrors.refused(progress.refusedCode);
  const reset = stepsResetByRevision(state.type);
  if (progress.rejectedAt) {
    if (!reset.includes(progress.rejectedAt)) throw ClaimErrors.rejectionFinal(progress.rejectedAt);
  } else if (!awaitingSteps(progress).some((s) => s.resetByRevision)) {
    throw ClaimErrors.notRevisable(statusOf(progress));
  }
  const currency = command.currency ?? state.currency ?? DEFAULT_CURRENCY;
  let breakdown: BreakdownLine[] | null = null;
  if (state.type === 'goodwill_compensation') {
    if (!command.breakdown) throw ClaimErrors.breakdownRequired();
    breakdown = checkCompensationApplication(command.amount, currency, command.breakdown);
  } else {
    if (command.breakdown) throw ClaimErrors.breakdownNotApplicable();
    if (!isMoney(command.amount)) throw ClaimErrors.invalidAmount('amount');
    if (!CURRENCY_PATTERN.test(currency)) throw ClaimErrors.invalidCurrency();
  }
  const stamp = stampOf(state, command, state.type === 'goodwill_compensation' ? 'application' : 'approval_form');
  return [
    seal(state.content, {
      type: 'ClaimRevised',
      data: {
        ...stamp,
        claimRevision: state.claimRevision + 1,
        amount: command.amount,
        currency,
        breakdown,
        comment: command.comment?.trim() || null,
        previousContentHash: state.contentHash ?? '',
        resetSteps: reset,
        rejectedStep: progress.rejectedAt,
      },
    }),
  ];
}
