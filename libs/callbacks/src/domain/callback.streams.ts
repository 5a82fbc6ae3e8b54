import { deterministicUuid, streamName } from '@aftercare/kernel';

/** ARCHITECTURE.md: `<category>-<id>`, so `$ce-callback` lists every callback. */
export const CALLBACK_CATEGORY = 'callback';
export const callbackStream = (callbackId: string) => streamName(CALLBACK_CATEGORY, callbackId);

/** The care plan of one customer: the scheduler's decisions (see care-plan.events.ts). */
export const CARE_PLAN_CATEGORY = 'careplan';
export const carePlanStream = (customerId: string) => streamName(CARE_PLAN_CATEGORY, customerId);

/** A club or service event callbacks invite to (R-CB-10). */
export const CARE_EVENT_CATEGORY = 'careevent';
export const careEventStream = (careEventId: string) => streamName(CARE_EVENT_CATEGORY, careEventId);

/**
 * A scheduled callback's id is a function of what caused it and the rule, so a
 * reaction re-run (at-least-once delivery) plans the very same callback again and
 * the append is a no-op. `slot` tells apart the calls one cause plans under one
 * rule (the six lapsed calls, the two sales follow-ups).
 */
export function plannedCallbackId(causationEventId: string, rule: string, type: string, slot: string | number = 0): string {
  return deterministicUuid('callback', causationEventId, rule, type, String(slot));
}
