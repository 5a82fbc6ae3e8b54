import type { CallbackType } from '@aftercare/kernel';

/**
 * THE care schedule (DOMAIN.md "Callbacks", 客户关怀一览表): every offset, lead
 * time, limit and default the callback rules use lives in this one table, so a
 * dealer group changing "3 days after a visit" edits one line. Rule code reads
 * it; it never hard-codes a number.
 *
 * Offsets are in days (`days`) or calendar months (`months`, 3.5 = 3 months + 15
 * days, kernel addMonths). Lead times count back from the date a reminder is about.
 */
export const CARE_SCHEDULE = {
  /** R-CB-1: 3 days after any paid or warranty visit. */
  postService: { rule: 'R-CB-1', afterVisitDays: 3 },
  /** R-CB-2: 7 days after a visit whose post-service callback found a problem. */
  postServiceResolution: { rule: 'R-CB-2', afterVisitDays: 7, problemSatisfactionAtMost: 2, problemFeedback: ['criticism', 'complaint'] as const },
  /** R-CB-3: 7 days after delivery. */
  newCarCare: { rule: 'R-CB-3', afterDeliveryDays: 7 },
  /** R-CB-4: the first 3–7 days after delivery (we call on day 3), the second 7 days after the first. */
  salesFollowUp: { rule: 'R-CB-4', firstAfterDeliveryDays: 3, secondAfterFirstDays: 7 },
  /**
   * R-CB-5: ahead of the first-service date or 5,000 km, whichever the vehicle's
   * average km/day predicts first; before any visit the default km/day applies.
   */
  firstServiceReminder: { rule: 'R-CB-5', atKm: 5_000, leadDays: 7 },
  /** R-CB-6: after the last visit; every one is withdrawn by a newer visit. */
  lapsed: { rule: 'R-CB-6', afterLastVisit: [{ days: 15 }, { days: 30 }, { months: 3.5 }, { months: 6 }, { months: 9 }, { months: 12 }] as const },
  /** R-CB-7 (R-CP-6): 2 days after a complaint is resolved. */
  complaintFollowUp: { rule: 'R-CB-7', afterResolutionDays: 2 },
  /** R-CB-8: reminders ahead of the date. Warranty ends at its time or its distance, whichever comes first. */
  insuranceRenewal: { rule: 'R-CB-8', leadDays: 30 },
  warrantyExpiry: { rule: 'R-CB-8', leadDays: 30 },
  /** Yearly from delivery (DOMAIN.md names an annual inspection; a dealer group may change the cadence). */
  annualInspection: { rule: 'R-CB-8', everyMonths: 12, leadDays: 30 },
  /** R-CB-9: on the birthday; public holidays the day before. */
  birthday: { rule: 'R-CB-9', leadDays: 0 },
  holiday: { rule: 'R-CB-9', leadDays: 1 },
  /** R-CB-10: 2 weeks before a club or service event; the letter within 2 days after the call. */
  eventInvitation: { rule: 'R-CB-10', beforeEventDays: 14, letterWithinDays: 2, lastCallBeforeEventDays: 2 },

  /**
   * R-SG-1: a customer the segmentation finds `churned` (CustomerSegmentChanged
   * entering it) gets a win-back call from their usual service advisor, this many
   * days after the change (the throttle may postpone it up to `latestAfterDays`);
   * a newer visit or leaving the segment withdraws it.
   */
  winBack: { rule: 'R-SG-1', afterChangeDays: 0, latestAfterDays: 30 },

  /** R-CB-11: due date first, then this rank (lower is called first). */
  priorities: { urgent: 0, high: 1, normal: 2 } as const,

  /** R-CB-12: an unreached customer is tried at most this often within this window, then `unreachable`. */
  attempts: { max: 3, windowDays: 3, retryAfterHours: 24 },

  /**
   * Contact hygiene: at most one non-urgent call to a customer per `days`. Only
   * `care` calls (greetings, reminders, lapsed, invitations) are throttled;
   * service, sales and complaint follow-up calls are exempt. `precedence`
   * orders the calls one cause plans together (earlier wins the slot).
   */
  throttle: {
    days: 7,
    precedence: [
      'insurance_renewal',
      'warranty_expiry',
      'first_service_reminder',
      'annual_inspection',
      'event_invitation',
      'win_back',
      'lapsed',
      'birthday',
      'holiday',
    ] as readonly CallbackType[],
  },

  /** R-CB-5/R-CB-8 forecasts: km/day before the vehicle has a usable reading (≈ 14,600 km a year). */
  mileage: { defaultKmPerDay: 40, minDaysForAverage: 7 },

  /** A call planned more than this many days after it fell due is pointless (an old vehicle filed today): skipped. */
  staleAfterDays: 30,

  /** R-CB-9: the public holidays greeted (dates in UTC). Extend the list yearly. */
  holidays: [
    { name: "New Year's Day", date: '2026-01-01' },
    { name: 'Spring Festival', date: '2026-02-17' },
    { name: 'Dragon Boat Festival', date: '2026-06-19' },
    { name: 'Mid-Autumn Festival', date: '2026-09-25' },
    { name: 'National Day', date: '2026-10-01' },
    { name: "New Year's Day", date: '2027-01-01' },
    { name: 'Spring Festival', date: '2027-02-06' },
    { name: 'Dragon Boat Festival', date: '2027-06-09' },
    { name: 'Mid-Autumn Festival', date: '2027-09-15' },
    { name: 'National Day', date: '2027-10-01' },
    { name: "New Year's Day", date: '2028-01-01' },
    { name: 'Spring Festival', date: '2028-01-26' },
  ] as readonly { name: string; date: string }[],
} as const;

export type CareSchedule = typeof CARE_SCHEDULE;

/**
 * What kind of call each type is: `service` and `sales` calls belong to a visit,
 * a complaint or a delivery and are never throttled; `care` calls are the
 * non-urgent greetings, reminders and invitations the throttle spaces out.
 * `recurring` types plan their next occurrence when one ends.
 */
export const CALL_KINDS: Record<CallbackType, { kind: 'service' | 'sales' | 'care'; recurring?: true }> = {
  post_service: { kind: 'service' },
  post_service_resolution: { kind: 'service' },
  complaint_follow_up: { kind: 'service' },
  manual: { kind: 'service' },
  new_car_care: { kind: 'sales' },
  sales_follow_up: { kind: 'sales' },
  first_service_reminder: { kind: 'care' },
  lapsed: { kind: 'care' },
  insurance_renewal: { kind: 'care' },
  warranty_expiry: { kind: 'care' },
  annual_inspection: { kind: 'care', recurring: true },
  birthday: { kind: 'care', recurring: true },
  holiday: { kind: 'care', recurring: true },
  event_invitation: { kind: 'care' },
  win_back: { kind: 'care' },
};

export const isThrottled = (type: CallbackType): boolean => CALL_KINDS[type].kind === 'care';
export const isRecurring = (type: CallbackType): boolean => CALL_KINDS[type].recurring === true;
