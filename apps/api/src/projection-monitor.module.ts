import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { READ_STORE, ReadStore } from '@aftercare/read-store';
import { ProjectionMonitor } from '@aftercare/projections';
import { PROJECTION_STATUS } from '@aftercare/platform';

/**
 * An API replica runs no projections; its /ready reads how far the projector is
 * from the checkpoints the projector commits.
 */
@Global()
@Module({
  providers: [
    {
      provide: PROJECTION_STATUS,
      inject: [EVENT_STORE, READ_STORE],
      useFactory: (eventStore: EventStore, readStore: ReadStore) => new ProjectionMonitor({ eventStore, readStore }),
    },
  ],
  exports: [PROJECTION_STATUS],
})
export class ProjectionMonitorModule {}
