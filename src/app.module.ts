import { DynamicModule, Module } from '@nestjs/common';
import { HostOptions, PlatformModule } from '@aftercare/platform';
import { HttpApiModule } from '../apps/api/src/http-api.module';
import { ProjectionWorkerModule } from '../apps/projector/src/projection-worker.module';

/** The embedded default (ARCHITECTURE.md): api and projector in one process. */
@Module({})
export class AppModule {
  static forRoot(options: Omit<HostOptions, 'withProjector' | 'service'>): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ ...options, service: 'aftercare', withProjector: true }),
        HttpApiModule.forContexts(options.contexts),
        ProjectionWorkerModule,
      ],
    };
  }
}
