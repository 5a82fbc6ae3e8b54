import { DomainError } from '@aftercare/kernel';

/**
 * Every refusal of the owners' club with its stable code (API.md: a broken business
 * rule is a 409 with the rule's code). The list is in libs/membership/README.md.
 */
export const MemberErrors = {
  notFound: (id: string) => DomainError.notFound('MEMBER.NOT_FOUND', `member ${id} does not exist`),
  outOfScope: (dealerId: string | null) => DomainError.forbidden('AUTH.OUT_OF_SCOPE', `dealer ${dealerId ?? '?'} is outside your scope`),
  unknownCustomer: (customerId: string) => DomainError.unprocessable('MEMBER.UNKNOWN_CUSTOMER', `customer ${customerId} does not exist`),
  alreadyEnrolled: (cardNo: string | null) =>
    DomainError.conflict('MEMBER.ALREADY_ENROLLED', `the customer is already a member (card ${cardNo ?? '?'})`, { cardNo }),
  cancelled: () => DomainError.conflict('MEMBER.CANCELLED', 'the membership is cancelled; enrol the customer again first'),
  insufficientPoints: (asked: number, usable: number) =>
    DomainError.conflict('MEMBER.INSUFFICIENT_POINTS', `R-MB-2: ${asked} points asked, ${usable} usable; points never go below zero`, { asked, usable }),
  benefitUsedUp: (benefit: string, year: number, allowance: number) =>
    DomainError.conflict('MEMBER.BENEFIT_USED_UP', `${benefit} is used up for ${year} (${allowance} a year)`, { benefit, year, allowance }),
  benefitNotInTier: (benefit: string, tier: string) =>
    DomainError.conflict('MEMBER.BENEFIT_NOT_IN_TIER', `${benefit} is not a benefit of the ${tier} tier`, { benefit, tier }),
  invalidPoints: () =>
    DomainError.invalid('MEMBER.INVALID_POINTS', 'points must be a positive whole number', [{ field: 'points', message: 'must be a positive whole number' }]),
  invalidValue: (field: string, allowed: readonly string[]) =>
    DomainError.invalid('MEMBER.INVALID_VALUE', `${field} must be one of ${allowed.join(', ')}`, [{ field, message: `must be one of ${allowed.join(', ')}` }]),
  occurredInFuture: (field: string) =>
    DomainError.invalid('MEMBER.OCCURRED_IN_FUTURE', `${field} cannot be in the future`, [{ field, message: 'must not be in the future' }]),
  beforeEnrolment: (field: string) =>
    DomainError.invalid('MEMBER.BEFORE_ENROLMENT', `${field} cannot be before the enrolment`, [{ field, message: 'must not be before the enrolment' }]),
};
