import { Module } from '@nestjs/common';
import { EventCatalogueController } from './event-catalogue/event-catalogue.http';
import { EventStreamController, HEARTBEAT_MS } from './event-stream/event-stream.http';

/** The integration context's one public module: the public event catalogue and the live event stream. */
@Module({
  controllers: [EventCatalogueController, EventStreamController],
  providers: [{ provide: HEARTBEAT_MS, useValue: 15_000 }],
})
export class IntegrationModule {}
