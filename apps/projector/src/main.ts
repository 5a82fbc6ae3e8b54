import { createHttpHost, runHost } from '@aftercare/platform';
import { CONTEXTS } from '../../api/src/contexts';
import { ProjectorModule } from './projector.module';

// The projector of the scale-out deployment: one per deployment (two would each apply every event).
void runHost('aftercare-projector', (config) => createHttpHost(ProjectorModule.forRoot({ config, contexts: CONTEXTS }), { config, openApi: false }), {
  port: (config) => config.projectorPort,
  banner: (_, port) => `aftercare-projector running; /health /ready /metrics on ${port}\n`,
});
