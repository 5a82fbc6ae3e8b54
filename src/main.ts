import { runHost } from '@aftercare/platform';
import { createAllInOneApp } from './all-in-one.host';

// `npm start`: the embedded default, everything in one process on PORT.
void runHost('aftercare', (config) => createAllInOneApp({ config }), {
  port: (config) => config.port,
  banner: (config, port) => {
    const base = `http://localhost:${port}`;
    const storage =
      config.eventStore === 'sqlite' && config.readStore === 'sqlite'
        ? `embedded SQLite in ${config.dataDir}`
        : `events: ${config.eventStore}, read models: ${config.readStore}`;
    return [
      '',
      `  Aftercare is running (${storage})`,
      '',
      `    API       ${base}/api/v1`,
      `    Docs      ${base}/docs`,
      `    GraphQL   ${base}/graphql`,
      `    Ops       ${base}/health  ${base}/ready  ${base}/metrics`,
      '',
      '  Get a token (another terminal):',
      '    npm run -s token -- --role admin',
      '    npm run -s token -- --role service_advisor --dealer D1',
      '  then:',
      `    curl -H "Authorization: Bearer $TOKEN" ${base}/api/v1/dealers`,
      '',
    ].join('\n') + '\n';
  },
});
