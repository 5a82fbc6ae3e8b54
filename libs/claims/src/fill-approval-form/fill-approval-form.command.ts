import type { ApprovalFormFilled } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { CURRENCY_PATTERN, DEFAULT_CURRENCY, isMoney } from '../domain/claim-money';
import { ClaimStepCommand, resolveActionStep, seal, stampOf } from '../domain/claim-step';

export interface FillApprovalForm extends ClaimStepCommand {
  kind: 'FillApprovalForm';
  amount: number;
  currency: string | null;
}

/**
 * R-GW-2: once the failure is confirmed a quality problem, the service director fills
 * the approval form (《优惠索赔审批表》) with the amount: the repair cost only, the OEM
 * bears no consequential liability.
 */
export function decideFillApprovalForm(command: FillApprovalForm, state: ClaimState): ApprovalFormFilled[] {
  const step = resolveActionStep(state, command, 'approval_form');
  if (!isMoney(command.amount)) throw ClaimErrors.invalidAmount('amount');
  const currency = command.currency ?? DEFAULT_CURRENCY;
  if (!CURRENCY_PATTERN.test(currency)) throw ClaimErrors.invalidCurrency();
  return [seal(state.content, { type: 'ApprovalFormFilled', data: { ...stampOf(state, command, step.step), amount: command.amount, currency } })];
}
