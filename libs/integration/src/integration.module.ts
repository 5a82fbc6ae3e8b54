import { Module } from '@nestjs/common';
import { EventCatalogueController } from './event-catalogue/event-catalogue.http';
import { EventStreamController, HEARTBEAT_MS } from './event-stream/event-stream.http';
import { EventsResolver } from './event-stream/events.resolver';
import { WebhooksController } from './webhooks/webhooks.http';

/** The integration context's one public module: the public event catalogue, the live event stream (SSE and GraphQL subscription) and webhook subscriptions. */
@Module({
  controllers: [EventCatalogueController, EventStreamController, WebhooksController],
  providers: [{ provide: HEARTBEAT_MS, useValue: 15_000 }, EventsResolver],
})
export class IntegrationModule {}
