import { DynamicModule, Module } from '@nestjs/common';
import { HostOptions, PlatformModule } from '@aftercare/platform';
import { HttpApiModule } from './http-api.module';
import { ProjectionMonitorModule } from './projection-monitor.module';

/** The stateless API replica of the scale-out deployment: REST + GraphQL, no projections. */
@Module({})
export class ApiModule {
  static forRoot(options: Omit<HostOptions, 'withProjector' | 'service'>): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot({ ...options, service: 'api', withProjector: false }),
        HttpApiModule.forContexts(options.contexts),
        ProjectionMonitorModule,
      ],
    };
  }
}
