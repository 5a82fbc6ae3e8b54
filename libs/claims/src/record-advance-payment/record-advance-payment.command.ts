import type { AdvancePaymentRecorded } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { statusOf } from '../domain/claim-progress';
import { fromCents, isMoney, toCents } from '../domain/claim-money';
import { ClaimStepCommand, assertInScope, requireClaim, seal } from '../domain/claim-step';

export interface RecordAdvancePayment extends ClaimStepCommand {
  kind: 'RecordAdvancePayment';
  amount: number;
  /** Business time the dealer paid the customer; absent: now (the step's `at`). */
  paidAt?: string | null;
}

/**
 * DOMAIN.md "Goodwill compensation" step 1 under R-GC-1: in an emergency the dealer
 * advances the money to the customer, and claims it back from the OEM; never before
 * the waiver is signed and confirmed by OEM staff, and never more than applied for.
 * `paidAt` defaults to now; never in the future (400 CLAIM.IN_FUTURE).
 */
export function decideRecordAdvancePayment(command: RecordAdvancePayment, state: ClaimState): AdvancePaymentRecorded[] {
  requireClaim(state, command.claimId);
  if (state.type !== 'goodwill_compensation') throw ClaimErrors.notGoodwillCompensation('an advance payment');
  if (command.by.role !== 'service_director') throw ClaimErrors.roleNotAllowed(command.by.role, 'record an advance payment');
  assertInScope(command.by, state);
  if (statusOf(state.progress) === 'settled') throw ClaimErrors.settled();
  if (!isMoney(command.amount)) throw ClaimErrors.invalidAmount('amount');
  const paidAt = command.paidAt ?? command.at;
  if (Date.parse(paidAt) > Date.parse(command.at)) throw ClaimErrors.inFuture('paidAt');
  // R-GC-1: signed AND confirmed, and the money left after the confirmation.
  if (!state.waiver?.confirmedAt) throw ClaimErrors.waiverNotConfirmed();
  if (Date.parse(paidAt) < Date.parse(state.waiver.confirmedAt)) throw ClaimErrors.advanceBeforeWaiver(state.waiver.confirmedAt);
  const total = state.advancedCents + toCents(command.amount);
  if (total > toCents(state.amount ?? 0)) throw ClaimErrors.advanceExceedsAmount(fromCents(total), state.amount ?? 0);
  return [
    seal(state.content, {
      type: 'AdvancePaymentRecorded',
      data: {
        claimId: command.claimId,
        amount: command.amount,
        currency: state.currency!,
        paidAt: new Date(paidAt).toISOString(),
        waiverConfirmedAt: state.waiver.confirmedAt,
        actorId: command.by.id,
        role: command.by.role,
        at: command.at,
        claimRevision: state.claimRevision,
        contentHash: '',
        rule: 'R-GC-1',
      },
    }),
  ];
}
