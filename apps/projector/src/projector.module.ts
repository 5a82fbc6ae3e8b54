import { DynamicModule, Module } from '@nestjs/common';
import { HostOptions, PlatformModule } from '@aftercare/platform';
import { ProjectionWorkerModule } from './projection-worker.module';

/**
 * The projector of the scale-out deployment: subscriptions → read models and
 * reactions; its HTTP port serves only /health, /ready and /metrics.
 */
@Module({})
export class ProjectorModule {
  static forRoot(options: Omit<HostOptions, 'withProjector' | 'service'>): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [PlatformModule.forRoot({ ...options, service: 'projector', withProjector: true }), ProjectionWorkerModule],
    };
  }
}
