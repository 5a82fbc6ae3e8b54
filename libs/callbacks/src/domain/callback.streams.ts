import { createHash } from 'crypto';
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
export function plannedCallbackId(causationEventId: string, rule: string, type: string, slot: string | number = 0, causePosition?: number): string {
  return causePosition === undefined
    ? deterministicUuid('callback', causationEventId, rule, type, String(slot))
    : orderedUuid(causePosition, 'callback', causationEventId, rule, type, String(slot));
}

/**
 * A name-based UUID (v8 layout) that sorts by `order`: its first 48 bits are
 * `order` (the cause's global position), the rest a SHA-256 of the name parts.
 * The scheduler names what it writes after the cause it handles in log order,
 * so its new streams and events land on the last pages of the event store's
 * indexes instead of on a random page each (what a commit costs is mostly the
 * pages it dirties).
 */
export function orderedUuid(order: number, ...parts: string[]): string {
  const bytes = Buffer.from(createHash('sha256').update(parts.join('\u001f')).digest().subarray(0, 16));
  bytes.writeUIntBE(Math.max(0, Math.min(order, 2 ** 48 - 1)), 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
