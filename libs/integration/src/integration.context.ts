import type { EventStore } from '@aftercare/event-store';
import { defineContext, LOGGER, PROJECTOR_READ_STORE, SEALED_EVENT_STORE, type ContextDefinition } from '@aftercare/platform';
import type { ReadStore } from '@aftercare/read-store';
import { IntegrationModule } from './integration.module';
import { EVENTS_TYPE_DEFS } from './event-stream/events.resolver';
import { WebhookDeliveryWorker, type WebhookDeliveryOptions } from './webhooks/webhook-delivery.worker';

/**
 * DOMAIN.md roles: integrators subscribe to event streams (the public catalogue
 * only), by SSE or by webhooks; deliveries run in the projector host.
 * `webhooks` tunes the delivery worker (tests shorten the backoff).
 */
export function integrationContextWith(options: { webhooks?: WebhookDeliveryOptions } = {}): ContextDefinition {
  return defineContext({
    name: 'integration',
    module: IntegrationModule,
    typeDefs: EVENTS_TYPE_DEFS,
    workers: [
      (get) => {
        const logger = get<{ error(obj: object, msg: string): void }>(LOGGER);
        return new WebhookDeliveryWorker(get<EventStore>(SEALED_EVENT_STORE), get<ReadStore>(PROJECTOR_READ_STORE), options.webhooks, (err) =>
          logger.error({ err }, 'webhook delivery worker failed; retrying'),
        );
      },
    ],
  });
}

export const integrationContext = integrationContextWith();
