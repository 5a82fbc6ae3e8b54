import { DomainError } from '@aftercare/kernel';

/**
 * Every refusal of the claims context with its stable code (API.md: a broken
 * business rule is a 409 with the rule's code; wrong role or scope a 403). The
 * codes are listed in libs/claims/README.md.
 */
export const ClaimErrors = {
  notFound: (id: string) => DomainError.notFound('CLAIM.NOT_FOUND', `claim ${id} does not exist`),
  roleNotAllowed: (role: string, what: string, awaiting: string[] = []) =>
    DomainError.forbidden('AUTH.ROLE_NOT_ALLOWED', `the role ${role} does not ${what} on this claim`, { awaiting }),
  outOfScope: (what: string) => DomainError.forbidden('AUTH.OUT_OF_SCOPE', `${what} is outside your scope`),

  // Goodwill compensation application (DOMAIN.md "Goodwill compensation").
  complaintNotFound: (id: string) => DomainError.unprocessable('CLAIM.COMPLAINT_NOT_FOUND', `complaint ${id} does not exist`),
  complaintNotMajor: (severity: string) =>
    DomainError.conflict('CLAIM.COMPLAINT_NOT_MAJOR', `goodwill compensation settles a major complaint (R-CP-4); this one is ${severity}`),
  consequentialCosts: (lines: number[]) =>
    DomainError.conflict('CLAIM.CONSEQUENTIAL_COSTS', 'goodwill compensation pays direct costs only, never consequential costs', { lines }),
  breakdownMismatch: (sum: number, amount: number) =>
    DomainError.invalid('CLAIM.BREAKDOWN_MISMATCH', `the breakdown adds up to ${sum}, not ${amount}`, [
      { field: 'breakdown', message: `the lines add up to ${sum}, the amount is ${amount}` },
    ]),
  invalidAmount: (field: string) =>
    DomainError.invalid('CLAIM.INVALID_AMOUNT', `${field} must be a positive amount with at most two decimals`, [
      { field, message: 'must be a positive amount with at most two decimals' },
    ]),
  invalidCurrency: () =>
    DomainError.invalid('CLAIM.INVALID_CURRENCY', 'currency must be an ISO 4217 code such as CNY', [{ field: 'currency', message: 'must be three capital letters' }]),
  dealerUnknown: (dealerId: string) =>
    DomainError.unprocessable('CLAIM.DEALER_NOT_REGISTERED', `dealer ${dealerId} is not registered: its region, whose staff sign, is unknown`),

  // Goodwill warranty request (R-GW-1).
  customerNotFound: (id: string) => DomainError.unprocessable('CLAIM.CUSTOMER_NOT_FOUND', `customer ${id} does not exist`),
  vehicleNotFound: (vin: string) => DomainError.unprocessable('CLAIM.VEHICLE_NOT_FOUND', `vehicle ${vin} is not registered`),
  vehicleNotCustomers: (vin: string) => DomainError.unprocessable('CLAIM.VEHICLE_NOT_CUSTOMERS', `vehicle ${vin} is not registered to this customer`),
  customerNotSensitive: () =>
    DomainError.conflict('CLAIM.CUSTOMER_NOT_SENSITIVE', 'a goodwill warranty claim is for a sensitive customer only (R-GW-1, R-CF-2)'),
  vehicleInWarranty: (endsAt: string, km: number) =>
    DomainError.conflict('CLAIM.VEHICLE_IN_WARRANTY', `the vehicle is still under warranty (until ${endsAt} or ${km} km): claim it as warranty (R-GW-1)`),

  // The chains (R-GC-2, R-GW-2).
  outOfOrder: (step: string, awaiting: string[]) =>
    DomainError.conflict('CLAIM.STEP_OUT_OF_ORDER', `${step} is not next: the claim waits for ${awaiting.join(' and ') || 'nothing'}`, { step, awaiting }),
  stepNotInChain: (step: string, type: string) => DomainError.conflict('CLAIM.STEP_NOT_IN_CHAIN', `a ${type} claim has no ${step} step`, { step, type }),
  stepAlreadyDone: (step: string) => DomainError.conflict('CLAIM.STEP_ALREADY_DONE', `${step} is already done in this round`, { step }),
  rejected: (step: string | null) =>
    DomainError.conflict('CLAIM.REJECTED', `the claim was rejected at ${step ?? 'a sign-off'}; only a revised application reopens it`, { step }),
  refused: (code: string | null) => DomainError.conflict('CLAIM.REFUSED', `the claim was refused (${code ?? 'R-GW-1'}); nothing more happens to it`, { code }),
  settled: () => DomainError.conflict('CLAIM.SETTLED', 'the claim is settled'),
  reasonRequired: () =>
    DomainError.invalid('CLAIM.REASON_REQUIRED', 'a rejection states its reason', [{ field: 'comment', message: 'required when the decision is reject' }]),
  sameSignatory: (step: string) =>
    DomainError.conflict('CLAIM.SAME_SIGNATORY', `you already signed ${step} of this round: each sign-off is by a different person`, { step }),
  contentChanged: (seen: string, current: string) =>
    DomainError.conflict('CLAIM.CONTENT_CHANGED', 'the claim changed since you read it: read it again before you sign', { seen, current }),
  notRevisable: (status: string) => DomainError.conflict('CLAIM.NOT_REVISABLE', `a claim that is ${status} cannot be revised`, { status }),
  rejectionFinal: (step: string) =>
    DomainError.conflict('CLAIM.REJECTION_FINAL', `a rejection at ${step} is final: a new request is needed`, { step }),
  decisionNotApplicable: (step: string, decision: string) =>
    DomainError.conflict('CLAIM.DECISION_NOT_APPLICABLE', `${step} is processing, not a sign-off: it takes decision approve, not ${decision}`, { step, decision }),
  breakdownNotApplicable: () =>
    DomainError.invalid('CLAIM.BREAKDOWN_NOT_APPLICABLE', 'a goodwill warranty approval form has an amount, no breakdown', [
      { field: 'breakdown', message: 'not allowed for a goodwill warranty claim' },
    ]),
  breakdownRequired: () =>
    DomainError.invalid('CLAIM.BREAKDOWN_REQUIRED', 'a goodwill compensation application lists its direct costs', [{ field: 'breakdown', message: 'at least one line' }]),

  // Waiver and advance payment (R-GC-1).
  notGoodwillCompensation: (what: string) =>
    DomainError.conflict('CLAIM.NOT_GOODWILL_COMPENSATION', `${what} belongs to goodwill compensation only`),
  waiverAlreadySigned: () => DomainError.conflict('CLAIM.WAIVER_ALREADY_SIGNED', 'the waiver is already signed'),
  waiverNotSigned: () => DomainError.conflict('CLAIM.WAIVER_NOT_SIGNED', 'the dealer and the customer sign the waiver first (R-GC-1)'),
  waiverAlreadyConfirmed: () => DomainError.conflict('CLAIM.WAIVER_ALREADY_CONFIRMED', 'the waiver is already confirmed'),
  waiverNotConfirmed: () =>
    DomainError.conflict('CLAIM.WAIVER_NOT_CONFIRMED', 'no money is advanced before the waiver is signed and confirmed by OEM staff (R-GC-1)'),
  advanceBeforeWaiver: (confirmedAt: string) =>
    DomainError.conflict('CLAIM.ADVANCE_BEFORE_WAIVER', `the advance is dated before the waiver was confirmed (${confirmedAt}) (R-GC-1)`, { confirmedAt }),
  advanceExceedsAmount: (total: number, amount: number) =>
    DomainError.conflict('CLAIM.ADVANCE_EXCEEDS_AMOUNT', `advances would total ${total}, more than the ${amount} applied for`, { total, amount }),
  inFuture: (field: string) => DomainError.invalid('CLAIM.IN_FUTURE', `${field} cannot be in the future`, [{ field, message: 'must not be in the future' }]),

  // Materials and settlement (DOMAIN.md steps 5–6, R-GC-3).
  materialsIncomplete: (missing: string[]) =>
    DomainError.conflict('CLAIM.MATERIALS_INCOMPLETE', `the region asked for ${missing.join(', ')} as well`, { missing }),
  settlementExceedsApproved: (amount: number, approved: number) =>
    DomainError.conflict('CLAIM.SETTLEMENT_EXCEEDS_APPROVED', `${amount} is more than the ${approved} approved`, { amount, approved }),
  noApprovalForm: () => DomainError.conflict('CLAIM.NO_APPROVAL_FORM', 'the approval form has no amount yet'),
};
