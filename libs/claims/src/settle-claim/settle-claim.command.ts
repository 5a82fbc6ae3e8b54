import type { ClaimSettled } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { fromCents, isMoney, toCents } from '../domain/claim-money';
import { ClaimStepCommand, resolveActionStep, seal, stampOf } from '../domain/claim-step';

export interface SettleClaim extends ClaimStepCommand {
  kind: 'SettleClaim';
  amount: number;
}

/**
 * The last step of both chains, never above the amount approved.
 * R-GC-3: product liability settles goodwill compensation; the OEM bears it, pays it
 * as a parts claim, and it is NOT counted in the region's per-vehicle claim cost.
 * R-GW-2: claims staff settle a goodwill warranty claim from the approval form; it is
 * a warranty-type claim and is counted (README "Claim costs").
 */
export function decideSettleClaim(command: SettleClaim, state: ClaimState): ClaimSettled[] {
  const step = resolveActionStep(state, command, 'settlement');
  if (!isMoney(command.amount)) throw ClaimErrors.invalidAmount('amount');
  if (state.amount === null) throw ClaimErrors.noApprovalForm();
  if (toCents(command.amount) > toCents(state.amount)) throw ClaimErrors.settlementExceedsApproved(command.amount, state.amount);
  const compensation = state.type === 'goodwill_compensation';
  return [
    seal(state.content, {
      type: 'ClaimSettled',
      data: {
        ...stampOf(state, command, step.step),
        type: state.type!,
        dealerId: state.dealerId!,
        region: state.region!,
        amount: command.amount,
        currency: state.currency!,
        approvedAmount: state.amount,
        advancedByDealer: fromCents(state.advancedCents),
        paidAs: compensation ? 'parts_claim' : 'warranty_claim',
        countsInPerVehicleClaimCost: !compensation,
        rule: compensation ? 'R-GC-3' : 'R-GW-2',
      },
    }),
  ];
}
