import type { RecordedEvent } from '@aftercare/kernel';

/** A JSON Schema (draft 2020-12) subset: enough to describe an event's data. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  description?: string;
  additionalProperties?: boolean;
}

export interface PublicEventType {
  type: string;
  /** The data version integrators get; bumped with a new schema, never changed in place. */
  version: number;
  description: string;
  /** The data integrators receive: exactly these properties (personal data stays inside). */
  schema: JsonSchema;
}

const id: JsonSchema = { type: 'string' };
const isoTime: JsonSchema = { type: 'string', format: 'date-time' };
const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type as string, 'null'] });

function entry(type: string, description: string, properties: Record<string, JsonSchema>, required = Object.keys(properties)): PublicEventType {
  return { type, version: 1, description, schema: { type: 'object', properties, required, additionalProperties: false } };
}

/**
 * The events integrators may see (API.md "Audit and integration"): GET
 * /events/catalogue publishes it, the SSE stream and webhooks send nothing else.
 * Internal events (deadline bookkeeping, care plans, notifications) and personal
 * data (names, phones, national ids) are left out on purpose: an event's data is
 * cut down to its schema's properties before it leaves.
 */
export const PUBLIC_EVENTS: readonly PublicEventType[] = [
  entry('CustomerRegistered', 'A customer was registered with a dealer.', { customerId: id, dealerId: id }),
  entry('VehicleRegistered', 'A vehicle was registered to a customer.', { customerId: id, vin: id, model: id, deliveredAt: isoTime, warrantyEndsAt: isoTime }),
  entry('VisitRecorded', 'A service visit was recorded (R-CF-1).', {
    customerId: id,
    vin: id,
    visitId: id,
    type: id,
    occurredAt: isoTime,
    odometerKm: { type: 'number' },
    amount: { type: 'number' },
  }),
  entry('ComplaintReceived', 'A complaint was taken.', {
    complaintId: id,
    dealerId: id,
    customerId: id,
    vin: nullable(id),
    channel: id,
    subject: id,
    severity: { type: 'string', enum: ['normal', 'major'] },
    callbackId: nullable(id),
    receivedAt: isoTime,
  }),
  entry('ComplaintAcknowledged', 'The customer was answered with a reply-by date (R-CP-1).', { complaintId: id, replyBy: isoTime }),
  entry('ComplaintEscalated', 'A complaint was escalated to the business supervisor (R-CP-3).', { complaintId: id, reason: id, rule: nullable(id) }),
  entry('ComplaintResolved', 'A complaint was resolved.', { complaintId: id }),
  entry('ComplaintClosed', 'A complaint was closed.', { complaintId: id }),
  entry('ComplaintReopened', 'A closed complaint was reopened (R-CP-6).', { complaintId: id }),
  entry('CallbackScheduled', 'A callback was put in the queue.', { callbackId: id, dealerId: id, customerId: id, vin: nullable(id), type: id, dueAt: isoTime }),
  entry('CallbackCompleted', 'A callback reached the customer.', {
    callbackId: id,
    customerId: id,
    type: id,
    completedAt: isoTime,
    satisfaction: nullable({ type: 'number' }),
    feedback: nullable(id),
  }),
  entry('CallbackUnreachable', 'A callback gave up after its attempts (R-CB-12).', { callbackId: id, customerId: id, type: id, closedAt: isoTime }),
  entry('GoodwillCompensationApplied', 'A goodwill compensation claim was filed.', { claimId: id, complaintId: id, dealerId: id }, ['claimId']),
  entry('GoodwillWarrantyRequested', 'A goodwill warranty claim was filed.', { claimId: id, customerId: id, vin: id, dealerId: id }, ['claimId']),
  entry('ClaimSettled', 'A claim was settled.', { claimId: id, amount: { type: 'number' } }, ['claimId']),
  // Owners' club (libs/membership): card life, tiers (R-MB-1) and points (R-MB-2); interests and spend bookkeeping stay inside.
  entry('MemberEnrolled', "A customer joined the owners' club.", { memberId: id, customerId: id, dealerId: id, cardNo: id, tier: id, enrolledAt: isoTime }),
  entry('MemberTierChanged', "A member's tier changed, with the reason (R-MB-1).", {
    memberId: id,
    customerId: id,
    dealerId: id,
    from: id,
    to: id,
    reason: id,
    spend12Months: { type: 'number' },
    loyaltySegment: id,
  }),
  entry('MembershipCancelled', 'A membership was cancelled; its points were forfeited.', { memberId: id, customerId: id, dealerId: id, reason: id, pointsForfeited: { type: 'number' } }),
  entry('PointsEarned', 'A customer-paid visit earned points.', { memberId: id, customerId: id, visitId: id, points: { type: 'number' }, expiresAt: isoTime, balance: { type: 'number' } }),
  entry('PointsRedeemed', 'Points were redeemed for a reward (R-MB-2).', { memberId: id, points: { type: 'number' }, reward: id, redeemedAt: isoTime, balance: { type: 'number' } }),
  entry('PointsExpired', 'Points reached their expiry.', { memberId: id, points: { type: 'number' }, expiredAt: isoTime, balance: { type: 'number' } }),
  entry('BenefitUsed', 'A member used a club benefit.', { memberId: id, benefit: id, usedAt: isoTime, year: { type: 'number' }, usedThisYear: { type: 'number' }, allowance: { type: 'number' } }),
  entry('ActivityRecorded', 'A member attended a club activity.', { memberId: id, activityId: id, occurredAt: isoTime }),
  entry('CustomerSegmentChanged', "A customer's segment changed (R-SG-1): loyal, churned, vip or regular, with the signals that decided it.", {
    customerId: id,
    dealerId: id,
    from: { type: ['string', 'null'], enum: ['vip', 'churned', 'loyal', 'regular', null], description: 'null on the first evaluation' },
    to: { type: 'string', enum: ['vip', 'churned', 'loyal', 'regular'] },
    segments: { type: 'array', description: 'every membership now: loyal, churned, vip' },
    entered: { type: 'array' },
    left: { type: 'array' },
    since: isoTime,
    reasons: { type: 'array' },
    signals: { type: 'object' },
    ruleSetVersion: { type: 'number' },
    advisorId: nullable(id),
  }),
];

const byType = new Map(PUBLIC_EVENTS.map((e) => [e.type, e]));

export function publicEventType(type: string): PublicEventType | undefined {
  return byType.get(type);
}

export const PUBLIC_EVENT_TYPES: readonly string[] = PUBLIC_EVENTS.map((e) => e.type);

/** What leaves the system for one event: its position is its id (resume from it), its data cut to the schema. */
export function toPublicEvent(event: RecordedEvent) {
  const entry = byType.get(event.type);
  if (!entry) return null;
  const data: Record<string, unknown> = {};
  const source = event.data as Record<string, unknown>;
  for (const key of Object.keys(entry.schema.properties ?? {})) if (key in source) data[key] = source[key];
  const m = event.metadata;
  return {
    id: String(event.position),
    position: event.position,
    type: event.type,
    version: entry.version,
    streamId: event.streamId,
    revision: event.revision,
    data,
    metadata: { eventId: m.eventId, occurredAt: m.occurredAt, recordedAt: m.recordedAt, dealerId: m.dealerId, correlationId: m.correlationId, causationId: m.causationId },
  };
}

export type PublicEvent = NonNullable<ReturnType<typeof toPublicEvent>>;
