import { createHmac } from 'crypto';
import type { Doc, IndexSpec } from '@aftercare/read-store';

/**
 * Webhook subscriptions live in the read store, not in the event log: a secret
 * must not be written into an immutable, exportable history, and a subscription
 * is delivery configuration, not a business fact.
 */
export const WEBHOOKS = 'webhooks';
export const WEBHOOK_DELIVERIES = 'webhook_deliveries';
export const WEBHOOK_DELIVERY_INDEXES: IndexSpec[] = [{ fields: { webhookId: 1, position: 1 }, name: 'deliveries_by_webhook' }];

export interface WebhookDoc extends Doc {
  _id: string;
  url: string;
  types: string[];
  secret: string;
  /** Token `sub` of who registered it: an integrator sees and manages its own. */
  ownerId: string;
  createdAt: string;
  /** Last position handled (delivered or parked); the worker goes on from position + 1. */
  position: number;
  /** Bumped by a replay, so a delivery in flight from before it cannot move `position`. */
  generation: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'parked';

export interface WebhookDeliveryDoc extends Doc {
  /** Also the X-Aftercare-Delivery header: `<webhookId>.<generation>.<position>`. */
  _id: string;
  webhookId: string;
  generation: number;
  position: number;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  firstAttemptAt: string;
  lastAttemptAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export function deliveryIdOf(webhookId: string, generation: number, position: number): string {
  return `${webhookId}.${generation}.${position}`;
}

/** `sha256=<hex HMAC-SHA256 of the raw body with the webhook's secret>` (X-Aftercare-Signature). */
export function signatureOf(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
