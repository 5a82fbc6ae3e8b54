/** What other contexts and hosts may import from the integration context. */
export { integrationContext } from './integration.context';
export { IntegrationModule } from './integration.module';
export { PUBLIC_EVENTS, PUBLIC_EVENT_TYPES, publicEventType, toPublicEvent } from './event-catalogue/public-events.catalogue';
export type { PublicEventType, PublicEvent, JsonSchema } from './event-catalogue/public-events.catalogue';
