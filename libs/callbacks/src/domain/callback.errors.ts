import { DomainError } from '@aftercare/kernel';

/** Every refusal of the callback lifecycle, with its stable code (listed in libs/callbacks/README.md). */
export const CallbackErrors = {
  notFound: (id: string) => DomainError.notFound('CALLBACK.NOT_FOUND', `callback ${id} does not exist`),
  carePlanNotFound: (customerId: string) => DomainError.notFound('CARE_PLAN.NOT_FOUND', `no care plan for customer ${customerId}`),
  outOfScope: (dealerId: string | null) => DomainError.forbidden('AUTH.OUT_OF_SCOPE', `dealer ${dealerId ?? '?'} is outside your scope`),
  roleNotAllowed: (role: string, action: string) => DomainError.forbidden('AUTH.ROLE_NOT_ALLOWED', `the role ${role} may not ${action} a callback`),
  alreadyClaimed: (by: string) => DomainError.conflict('CALLBACK.ALREADY_CLAIMED', `another agent (${by}) has claimed this callback`, { claimedBy: by }),
  assignedToOther: (assigneeId: string) =>
    DomainError.conflict('CALLBACK.ASSIGNED_TO_OTHER', `this callback is routed to ${assigneeId} (R-CB-11)`, { assigneeId }),
  closed: (status: string) => DomainError.conflict('CALLBACK.CLOSED', `the callback is already ${status}`, { status }),
  retryNotDue: (retryAt: string) =>
    DomainError.conflict('CALLBACK.RETRY_NOT_DUE', `the customer was not reached; the next attempt is due at ${retryAt} (R-CB-12)`, { retryAt }),
  notClaimed: () => DomainError.conflict('CALLBACK.NOT_CLAIMED', 'claim the callback before recording an attempt'),
  claimedByOther: (by: string) => DomainError.conflict('CALLBACK.CLAIMED_BY_OTHER', `the callback is claimed by ${by}`, { claimedBy: by }),
  doNotCall: (type: string) => DomainError.conflict('CALLBACK.DO_NOT_CALL', `the customer asked not to be called for ${type}`),
  unknownCustomer: (id: string) => DomainError.unprocessable('CALLBACK.UNKNOWN_CUSTOMER', `customer ${id} does not exist`),
  vehicleNotOwned: (vin: string) => DomainError.unprocessable('CALLBACK.VEHICLE_NOT_OWNED', `vehicle ${vin} is not registered to this customer`),
  occurredInFuture: () =>
    DomainError.invalid('CALLBACK.OCCURRED_IN_FUTURE', 'occurredAt cannot be in the future', [{ field: 'occurredAt', message: 'must not be in the future' }]),
  beforeClaim: () => DomainError.conflict('CALLBACK.BEFORE_CLAIM', 'an attempt cannot be dated before the callback was claimed'),
  outcomeWithoutReach: (field: string) =>
    DomainError.invalid('CALLBACK.OUTCOME_WITHOUT_REACH', `${field} is only given when the customer was reached`, [
      { field, message: 'only when reached is true' },
    ]),
  invalidScore: (field: string, min: number, max: number) =>
    DomainError.invalid('CALLBACK.INVALID_SCORE', `${field} must be an integer from ${min} to ${max}`, [{ field, message: `must be ${min}–${max}` }]),
  eventInPast: () =>
    DomainError.invalid('CARE_EVENT.IN_PAST', 'the event must start after it is announced', [{ field: 'startsAt', message: 'must be in the future' }]),
};
