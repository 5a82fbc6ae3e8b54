import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PUBLIC_EVENTS } from './public-events.catalogue';

/** GET /events/catalogue: the public event types, their versions and the JSON schemas of their data. */
@ApiTags('integration')
@Controller('events')
export class EventCatalogueController {
  @Get('catalogue')
  catalogue() {
    return {
      envelope: {
        description: 'Every event sent by /events/stream and webhooks: { id (= position), position, type, version, streamId, revision, data, metadata { eventId, occurredAt, recordedAt, dealerId, correlationId, causationId } }',
      },
      items: PUBLIC_EVENTS.map((e) => ({ type: e.type, version: e.version, description: e.description, schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', ...e.schema } })),
    };
  }
}
