/** What other contexts and hosts may import from the integration context. */
export { integrationContext, integrationContextWith } from './integration.context';
export { WebhookDeliveryWorker, DEFAULT_RETRY_DELAYS_MS } from './webhooks/webhook-delivery.worker';
export type { WebhookDeliveryOptions } from './webhooks/webhook-delivery.worker';
export { signatureOf, WEBHOOKS, WEBHOOK_DELIVERIES } from './webhooks/webhook.documents';
export { IntegrationModule } from './integration.module';
export { PUBLIC_EVENTS, PUBLIC_EVENT_TYPES, publicEventType, toPublicEvent } from './event-catalogue/public-events.catalogue';
export type { PublicEventType, PublicEvent, JsonSchema } from './event-catalogue/public-events.catalogue';
