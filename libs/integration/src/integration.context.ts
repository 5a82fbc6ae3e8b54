import { defineContext } from '@aftercare/platform';
import { IntegrationModule } from './integration.module';

/** DOMAIN.md roles: integrators subscribe to event streams (the public catalogue only). */
export const integrationContext = defineContext({
  name: 'integration',
  module: IntegrationModule,
});
