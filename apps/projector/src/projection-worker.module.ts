import { Global, Module } from '@nestjs/common';
import { PROJECTION_STATUS } from '@aftercare/platform';
import { ProjectionHost } from './projection-host.service';

/** Projections and reactions of every context; shared by the projector host and the all-in-one host. */
@Global()
@Module({
  providers: [ProjectionHost, { provide: PROJECTION_STATUS, useExisting: ProjectionHost }],
  exports: [ProjectionHost, PROJECTION_STATUS],
})
export class ProjectionWorkerModule {}
