/**
 * DOMAIN.md "Customer file": the visit types and who pays for each. Spend, loyalty
 * rank and club points count only what the customer paid: free first services,
 * warranty work (the OEM pays) and accident repairs (the insurer pays) are excluded.
 */
export const VISIT_TYPES = {
  first_service: { payer: 'free' },
  periodic_maintenance: { payer: 'customer' },
  warranty: { payer: 'oem' },
  minor_repair: { payer: 'customer' },
  major_repair: { payer: 'customer' },
  accident_repair: { payer: 'insurer' },
  bodywork_paid: { payer: 'customer' },
  accessories: { payer: 'customer' },
  roadside_rescue: { payer: 'customer' },
} as const;

export type VisitType = keyof typeof VISIT_TYPES;
export const VISIT_TYPE_NAMES = Object.keys(VISIT_TYPES) as VisitType[];

export function isVisitType(value: string): value is VisitType {
  return Object.prototype.hasOwnProperty.call(VISIT_TYPES, value);
}

/** Counts toward spend (and, later, club points). */
export function isCustomerPaid(type: VisitType): boolean {
  return VISIT_TYPES[type].payer === 'customer';
}
