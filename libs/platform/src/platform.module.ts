import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { CLOCK, Clock, systemClock } from '@aftercare/kernel';
import { useValidationClock } from './http/date-validators';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { READ_STORE, ReadStore } from '@aftercare/read-store';
import { ReadModels } from '@aftercare/projections';
import { APP_CONFIG } from './config/app-config';
import { HOST_OPTIONS, HostOptions, personalDataOf, upcastersOf } from './host/host-options';
import { createLogger, LogFlushLifecycle, LOGGER } from './observability/logger';
import { Metrics } from './observability/metrics';
import { MeteredEventStore } from './observability/metered-event-store';
import { OpsController } from './observability/ops.controller';
import { CommandRunner } from './commands/command-runner';
import { openProtectedEventStore, openReadStore } from './storage/store-factory';
import { PersonalDataEventStore } from '@aftercare/personal-data';
import { PROJECTOR_READ_STORE, SEALED_EVENT_STORE } from './storage/storage.tokens';
import { StorageLifecycle } from './storage/storage-lifecycle';
import { TokenService } from './auth/token.service';

/**
 * What every host shares, global so contexts inject it without imports: config,
 * clock, logger, metrics, the stores (chosen by config), the CommandRunner and
 * the ops endpoints /health /ready /metrics.
 *
 * Tokens: APP_CONFIG, CLOCK, LOGGER, EVENT_STORE (metered), READ_STORE (query
 * connection), PROJECTOR_READ_STORE (projector hosts only), HOST_OPTIONS;
 * classes: Metrics, CommandRunner, ReadModels (queries), TokenService.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: HostOptions): DynamicModule {
    const metrics = new Metrics(options.service);
    const upcasters = upcastersOf(options.contexts);
    const projections = options.contexts.flatMap((c) => c.projections ?? []);
    useValidationClock(options.clock ?? systemClock);
    const providers: Provider[] = [
      { provide: HOST_OPTIONS, useValue: options },
      { provide: APP_CONFIG, useValue: options.config },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: LOGGER, useValue: createLogger(options.config.logLevel, options.service) },
      { provide: Metrics, useValue: metrics },
      // Personal fields sealed on append, opened on read (docs/personal-data.md); the erasure command destroys keys through it.
      { provide: PersonalDataEventStore, useFactory: () => openProtectedEventStore(options.config, upcasters, personalDataOf(options.contexts)) },
      {
        provide: EVENT_STORE,
        inject: [PersonalDataEventStore],
        useFactory: (protectedStore: PersonalDataEventStore) => new MeteredEventStore(protectedStore, metrics),
      },
      { provide: SEALED_EVENT_STORE, inject: [PersonalDataEventStore], useFactory: (protectedStore: PersonalDataEventStore) => protectedStore.sealed },
      { provide: READ_STORE, useFactory: () => openReadStore(options.config, { queryWithProjector: options.withProjector }) },
      {
        provide: CommandRunner,
        inject: [EVENT_STORE, CLOCK],
        useFactory: (store: EventStore, clock: Clock) => new CommandRunner(store, clock),
      },
      {
        provide: ReadModels,
        inject: [READ_STORE],
        useFactory: (readStore: ReadStore) => new ReadModels({ readStore, projections }),
      },
      { provide: TokenService, useFactory: () => new TokenService(options.config.jwtSecret, options.config.jwt) },
      StorageLifecycle,
      LogFlushLifecycle,
    ];
    if (options.withProjector) providers.push({ provide: PROJECTOR_READ_STORE, useFactory: () => openReadStore(options.config) });
    return {
      module: PlatformModule,
      controllers: [OpsController],
      providers,
      exports: providers.map((p) => (typeof p === 'function' ? p : (p as { provide: string | symbol }).provide)),
    };
  }
}
