import type { VisitType } from '@aftercare/customers';

/**
 * The segmentation rules and thresholds, versioned as one unit. Changing any value
 * means a new version: the customer-segments projection's version follows it, so
 * the runner rebuilds the read model from the log beside the old one, which keeps
 * serving until the new one has caught up (ARCHITECTURE.md "Read side").
 */
export interface SegmentRuleSet {
  version: number;
  /** Visits that count as a service (on-time and share signals). */
  serviceTypes: readonly VisitType[];
  /** Visits that count as "service or repair" for lapsing (churn). */
  serviceOrRepairTypes: readonly VisitType[];
  /** The maintenance interval a service is on time against: date or distance, whichever is met. */
  serviceIntervalMonths: number;
  serviceIntervalKm: number;
  /** Days of slack on the date interval. */
  serviceGraceDays: number;
  /** Trailing window of spend, visits, missed appointments, excuses and bookings. */
  windowMonths: number;
  churned: {
    /** No service or repair for this many months (from the last one, or the delivery). */
    monthsWithoutService: number;
    missedServices: number;
    noShowExcuses: number;
  };
  loyal: {
    /** Loyalty signals needed (of: on time, all services here, top by spend or visits, referrals, callback scores, proactive bookings). */
    minSignals: number;
    minServicesForOnTime: number;
    onTimeShare: number;
    dealerShare: number;
    /** "Top by spend or visit count": customer-paid spend / paid visits in the window. */
    topSpend: number;
    topVisits: number;
    referrals: number;
    callbackScore: number;
    proactiveAppointments: number;
  };
  vip: {
    sensitiveKinds: readonly string[];
    purchases: number;
    purchaseAmount: number;
    /** Dependence on the dealer's service: paid spend in the window with most services here. */
    dependenceSpend: number;
    dependenceShare: number;
  };
}

export const SEGMENT_RULE_SET: SegmentRuleSet = {
  version: 1,
  serviceTypes: ['first_service', 'periodic_maintenance'],
  serviceOrRepairTypes: ['first_service', 'periodic_maintenance', 'warranty', 'minor_repair', 'major_repair', 'accident_repair', 'bodywork_paid'],
  serviceIntervalMonths: 6,
  serviceIntervalKm: 10_000,
  serviceGraceDays: 30,
  windowMonths: 12,
  churned: { monthsWithoutService: 6, missedServices: 2, noShowExcuses: 2 },
  loyal: {
    minSignals: 2,
    minServicesForOnTime: 2,
    onTimeShare: 0.8,
    dealerShare: 0.9,
    topSpend: 20_000,
    topVisits: 4,
    referrals: 1,
    callbackScore: 4,
    proactiveAppointments: 2,
  },
  vip: {
    sensitiveKinds: ['vip', 'key_account'],
    purchases: 2,
    purchaseAmount: 500_000,
    dependenceSpend: 50_000,
    dependenceShare: 0.9,
  },
};
