import type { IndexSpec } from '@aftercare/read-store';

/** One document per stored event, for GET /audit/events (who did what, when, to which dealer's data). */
export interface AuditTrailDoc {
  /** The position, zero-padded so that `_id` order is log order (cursor paging sorts on it). */
  _id: string;
  position: number;
  streamId: string;
  revision: number;
  type: string;
  eventId: string;
  recordedAt: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  dealerId: string | null;
  correlationId: string | null;
  causationId: string | null;
  [field: string]: unknown;
}

export const AUDIT_TRAIL = 'audit_trail';
export const AUDIT_TRAIL_CHECKPOINTS = 'audit_trail_checkpoint';
export const AUDIT_TRAIL_CHECKPOINT_ID = 'audit-trail';

/** Every filter of GET /audit/events is one index seek, in log order. */
export const AUDIT_TRAIL_INDEXES: IndexSpec[] = [
  { fields: { recordedAt: 1, _id: 1 } },
  { fields: { type: 1, _id: 1 } },
  { fields: { actorId: 1, _id: 1 } },
  { fields: { dealerId: 1, _id: 1 } },
  { fields: { position: 1 } },
];

export function trailId(position: number): string {
  return String(position).padStart(16, '0');
}
