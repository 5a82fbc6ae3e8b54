import { loadConfig, runHost } from '@aftercare/platform';
import { createAllInOneApp } from './all-in-one.host';
import { dataDirIsEmpty, generateIntoDataDir, summary } from '../apps/cli/src/demo.command';

/** `npm start -- --demo`: a small, deterministic dealer group for a newcomer to look at. */
const DEMO_SET = { dealers: 2, customers: 300, years: 1, seed: 'demo' } as const;

async function main(): Promise<void> {
  if (process.argv.includes('--demo')) await seedDemo();
  // `npm start`: the embedded default, everything in one process on PORT.
  await runHost('aftercare', (config) => createAllInOneApp({ config }), {
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
}

/**
 * Generates the small demo set into the data dir when it holds no events yet
 * (apps/cli `demo`, same generator), then the host starts on it as usual.
 */
async function seedDemo(): Promise<void> {
  let config;
  try {
    config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  } catch {
    return; // runHost reports the bad variable
  }
  if (!(await dataDirIsEmpty(config))) {
    process.stderr.write(`--demo: ${config.dataDir} already holds events; starting on them\n`);
    return;
  }
  // One year up to the first of this month: the same set on every machine all month.
  const now = new Date();
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
  process.stderr.write(`--demo: generating ${DEMO_SET.dealers} dealers, ${DEMO_SET.customers} customers, ${DEMO_SET.years} year up to ${end} into ${config.dataDir} (a few minutes)\n`);
  const result = await generateIntoDataDir({ ...DEMO_SET, end }, { config });
  process.stderr.write(summary(result));
}

void main();
