/**
 * API.md "Callbacks": the callback types. Shared vocabulary: the customer file
 * records which of them a customer must never be called for.
 */
export const CALLBACK_TYPES = [
  'post_service',
  'post_service_resolution',
  'new_car_care',
  'sales_follow_up',
  'first_service_reminder',
  'lapsed',
  'complaint_follow_up',
  'insurance_renewal',
  'warranty_expiry',
  'annual_inspection',
  'birthday',
  'holiday',
  'event_invitation',
  /** R-SG-1: a customer who became `churned` is called back by their advisor. */
  'win_back',
  'manual',
] as const;

export type CallbackType = (typeof CALLBACK_TYPES)[number];
