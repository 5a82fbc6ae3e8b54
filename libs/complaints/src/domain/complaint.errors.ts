import { DomainError } from '@aftercare/kernel';
import type { ComplaintStatus } from './complaint.state';

/**
 * Every refusal of the complaint lifecycle, with its stable code (API.md: a broken
 * business rule is a 409 with the rule's code). The list is in libs/complaints/README.md.
 */
export const ComplaintErrors = {
  notFound: (id: string) => DomainError.notFound('COMPLAINT.NOT_FOUND', `complaint ${id} does not exist`),
  roleNotAllowed: (role: string, action: string) =>
    DomainError.forbidden('AUTH.ROLE_NOT_ALLOWED', `the role ${role} may not ${action} a complaint`, { action }),
  outOfScope: (dealerId: string | null) => DomainError.forbidden('AUTH.OUT_OF_SCOPE', `dealer ${dealerId ?? '?'} is outside your scope`),

  unknownCustomer: (id: string) => DomainError.unprocessable('COMPLAINT.UNKNOWN_CUSTOMER', `customer ${id} does not exist`),
  callbackNotOfCustomer: (callbackId: string) =>
    DomainError.unprocessable('COMPLAINT.CALLBACK_NOT_OF_CUSTOMER', `callback ${callbackId} does not exist or is not a call to this customer`, { callbackId }),
  customerOfOtherDealer: () => DomainError.forbidden('AUTH.OUT_OF_SCOPE', 'the customer belongs to another dealer'),
  vehicleNotOwned: (vin: string) =>
    DomainError.unprocessable('COMPLAINT.VEHICLE_NOT_OWNED', `vehicle ${vin} is not registered to this customer`),

  occurredInFuture: () =>
    DomainError.invalid('COMPLAINT.OCCURRED_IN_FUTURE', 'occurredAt cannot be in the future', [{ field: 'occurredAt', message: 'must not be in the future' }]),
  beforePreviousStep: (previous: string) =>
    DomainError.conflict('COMPLAINT.BEFORE_PREVIOUS_STEP', `this step cannot be dated before the complaint's previous step (${previous})`),
  replyByNotAfter: () =>
    DomainError.invalid('COMPLAINT.REPLY_BY_IN_PAST', 'the reply-by date must be after the acknowledgement', [
      { field: 'replyBy', message: 'must be after the acknowledgement' },
    ]),
  deadlineNotAfter: () =>
    DomainError.invalid('COMPLAINT.DEADLINE_IN_PAST', 'the deadline must be after the assignment', [{ field: 'deadline', message: 'must be after the assignment' }]),
  invalidValue: (field: string, allowed: readonly string[]) =>
    DomainError.invalid('COMPLAINT.INVALID_VALUE', `${field} must be one of ${allowed.join(', ')}`, [
      { field, message: `must be one of ${allowed.join(', ')}` },
    ]),
  invalidAmount: () =>
    DomainError.invalid('COMPLAINT.INVALID_AMOUNT', 'compensationAmount must be a non-negative number', [
      { field: 'compensationAmount', message: 'must be a non-negative number' },
    ]),

  alreadyClosed: () => DomainError.conflict('COMPLAINT.ALREADY_CLOSED', 'the complaint is closed; reopen it first'),
  alreadyResolved: () => DomainError.conflict('COMPLAINT.ALREADY_RESOLVED', 'the complaint is already resolved'),
  alreadyAcknowledged: () => DomainError.conflict('COMPLAINT.ALREADY_ACKNOWLEDGED', 'the complaint is already acknowledged'),
  notAcknowledged: () => DomainError.conflict('COMPLAINT.NOT_ACKNOWLEDGED', 'acknowledge the complaint first (R-CP-1)'),
  notInvestigated: () => DomainError.conflict('COMPLAINT.NOT_INVESTIGATED', 'record the investigation and its root cause first (R-CP-5)'),
  solutionPending: (solutionNo: number) =>
    DomainError.conflict('COMPLAINT.SOLUTION_PENDING', `solution ${solutionNo} awaits the customer's answer`, { solutionNo }),
  solutionAccepted: () => DomainError.conflict('COMPLAINT.SOLUTION_ACCEPTED', 'the customer accepted a solution; resolve the complaint'),
  noSuchSolution: (solutionNo: number) => DomainError.notFound('COMPLAINT.NO_SUCH_SOLUTION', `there is no solution ${solutionNo}`, { solutionNo }),
  solutionNotPending: (solutionNo: number, status: string) =>
    DomainError.conflict('COMPLAINT.SOLUTION_NOT_PENDING', `solution ${solutionNo} is already ${status}`, { solutionNo, status }),
  notAccepted: () => DomainError.conflict('COMPLAINT.NOT_ACCEPTED', 'the customer has not accepted a solution'),
  notResolved: () => DomainError.conflict('COMPLAINT.NOT_RESOLVED', 'only a resolved complaint can be closed'),
  alreadyEscalated: () => DomainError.conflict('COMPLAINT.ALREADY_ESCALATED', 'the complaint is already with the business supervisor'),
  notEscalated: () => DomainError.conflict('COMPLAINT.NOT_ESCALATED', 'only an escalated complaint is assigned by the business supervisor (R-CP-3)'),
  notReopenable: (status: ComplaintStatus | null) =>
    DomainError.conflict('COMPLAINT.NOT_REOPENABLE', `only a resolved or closed complaint can be reopened; it is ${status ?? 'unknown'}`),
};
