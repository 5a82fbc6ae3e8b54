import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock } from '@aftercare/kernel';
import { AppConfig, ContextDefinition, createHttpHost } from '@aftercare/platform';
import { CONTEXTS } from '../apps/api/src/contexts';
import { AppModule } from './app.module';

export interface AllInOneOptions {
  config: AppConfig;
  /** Tests pass a FixedClock. */
  clock?: Clock;
  contexts?: readonly ContextDefinition[];
}

/** What `npm start` runs and what the e2e harness boots: the same module, the same setup. */
export function createAllInOneApp(options: AllInOneOptions): Promise<NestFastifyApplication> {
  const module = AppModule.forRoot({ config: options.config, clock: options.clock, contexts: options.contexts ?? CONTEXTS });
  return createHttpHost(module, { config: options.config, openApi: true });
}
