import { createHttpHost, runHost } from '@aftercare/platform';
import { ApiModule } from './api.module';
import { CONTEXTS } from './contexts';

// The API replica of the scale-out deployment (docker/docker-compose.yml).
void runHost('aftercare-api', (config) => createHttpHost(ApiModule.forRoot({ config, contexts: CONTEXTS }), { config, openApi: true }), {
  port: (config) => config.port,
  banner: (_, port) => `aftercare-api listening on ${port}: /api/v1, /docs, /graphql\n`,
});
