import type { ClaimArchived, ClaimEvent, ClaimSettled } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { fromCents, isMoney, toCents } from '../domain/claim-money';
import { ClaimStepCommand, resolveActionStep, sealAll, stampOf } from '../domain/claim-step';
import { flowStep } from '../domain/claim.flows';

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
 * An optional step of the chain not taken on its own whose `implicitWith` is the
 * settlement (goodwill compensation: product liability's archive, R-GC-3 "archives
 * … settles") is recorded first in the same append, by the settling actor, with
 * `implicit: true`, so the history still shows it.
 */
export function decideSettleClaim(command: SettleClaim, state: ClaimState): (ClaimArchived | ClaimSettled)[] {
  const step = resolveActionStep(state, command, 'settlement');
  if (!isMoney(command.amount)) throw ClaimErrors.invalidAmount('amount');
  if (state.amount === null) throw ClaimErrors.noApprovalForm();
  if (toCents(command.amount) > toCents(state.amount)) throw ClaimErrors.settlementExceedsApproved(command.amount, state.amount);
  const compensation = state.type === 'goodwill_compensation';
  const archiveHere = flowStep(state.type!, 'archive')?.implicitWith === 'settlement' && !state.progress!.done.includes('archive');
  const implicit: ClaimEvent[] = archiveHere ? [{ type: 'ClaimArchived', data: { ...stampOf(state, command, 'archive'), comment: null, implicit: true } }] : [];
  return sealAll(state.content, [
    ...implicit,
    {
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
    },
  ]) as (ClaimArchived | ClaimSettled)[];
}
