import * as fs from 'fs';
import * as path from 'path';
import { CommandBus } from '@nestjs/cqrs';
import { FixedClock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { AppConfig, loadConfig, TokenService } from '@aftercare/platform';
import { CallbackQueueQuery } from '@aftercare/callbacks';
import { generateDemo, type DemoOptions, type DemoProgress, type DemoResult } from '@aftercare/demo';
import { createAllInOneApp } from '../../../src/all-in-one.host';
import { ProjectionHost } from '../../projector/src/projection-host.service';
import { interruptible, parseArgs } from './cli-args';
import { UsageError } from './token.command';

const USAGE = `usage: aftercare demo [--dealers 20] [--customers 50000] [--years 3] [--seed demo] [--end YYYY-MM-DD] [--concurrency 64]

Generates a realistic dealer group into the data dir (AFTERCARE_DATA_DIR, which
must hold no events yet) through the real command handlers: customers, vehicles,
service visits, appointments, complaints and the callbacks the care schedule
plans, worked by agents. The same seed and --end give the same data. A progress
bar goes to stderr; Ctrl-C stops cleanly (what was generated stays).`;

export interface DemoArgs extends Omit<DemoOptions, 'onProgress' | 'signal'> {}

export function parseDemoArgs(argv: string[]): DemoArgs {
  const { flags, positionals } = parseArgs(argv, ['dealers', 'customers', 'years', 'seed', 'end', 'concurrency'], USAGE);
  if (positionals.length) throw new UsageError(`unexpected ${positionals[0]}\n\n${USAGE}`);
  const int = (name: string, fallback: number, min: number, max: number) => {
    if (flags[name] === undefined) return fallback;
    const n = Number(flags[name]);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
    return n;
  };
  const years = flags.years === undefined ? 3 : Number(flags.years);
  if (!(years > 0 && years <= 20)) throw new UsageError('--years must be a number above 0, at most 20');
  if (flags.end !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(flags.end) || Number.isNaN(Date.parse(flags.end)))) throw new UsageError('--end must be a date (YYYY-MM-DD)');
  if (flags.end !== undefined && Date.parse(flags.end) > Date.now()) throw new UsageError('--end must not be in the future');
  return {
    dealers: int('dealers', 20, 1, 99),
    customers: int('customers', 50_000, 1, 10_000_000),
    years,
    seed: flags.seed ?? 'demo',
    end: flags.end,
    concurrency: int('concurrency', 64, 1, 1024),
  };
}

export interface GenerateDeps {
  config: AppConfig;
  stderr?: NodeJS.WritableStream;
  signal?: { aborted: boolean };
}

/** True when the data dir's event store holds no event (or does not exist yet). */
export async function dataDirIsEmpty(config: AppConfig): Promise<boolean> {
  if (config.eventStore !== 'sqlite') return false;
  const file = path.join(config.dataDir, 'events.sqlite');
  if (!fs.existsSync(file)) return true;
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(file, { readonly: true });
  try {
    const table = db.prepare("select name from sqlite_master where type = 'table' and name = 'events'").get();
    if (!table) return true;
    return !db.prepare('select 1 from events limit 1').get();
  } finally {
    db.close();
  }
}

/**
 * Boots the all-in-one app (api + projector, same modules as `npm start`) on a
 * simulated clock and runs the generator; closes it when done.
 */
export async function generateIntoDataDir(options: DemoArgs, deps: GenerateDeps): Promise<DemoResult & { tokens: Array<{ who: string; token: string }> }> {
  const stderr = deps.stderr ?? process.stderr;
  const clock = new FixedClock();
  const app = await createAllInOneApp({ config: deps.config, clock });
  try {
    const projector = app.get(ProjectionHost);
    const result = await generateDemo(
      {
        commands: app.get(CommandBus),
        clock,
        eventStore: app.get<EventStore>(EVENT_STORE),
        callbackQueue: app.get(CallbackQueueQuery),
        caughtUp: () => projector.waitForCatchUp(undefined, { timeoutMs: 600_000 }),
      },
      { ...options, signal: deps.signal, onProgress: (p) => stderr.write(progressLine(p)) },
    );
    stderr.write('\n');
    // What was generated, for the scale bench and docs/scaling.md (no tokens in it).
    fs.writeFileSync(path.join(deps.config.dataDir, 'demo.json'), JSON.stringify({ options: { ...options, signal: undefined }, ...result }, null, 2) + '\n');
    const tokens = app.get(TokenService);
    const d = result.dealers[0];
    const ttl = { expiresInSeconds: 8 * 3600 };
    return {
      ...result,
      tokens: [
        { who: 'admin', token: tokens.issue({ sub: 'demo-admin', role: 'admin' }, ttl) },
        { who: `service_advisor ${d} (SA-${d}-1)`, token: tokens.issue({ sub: `SA-${d}-1`, role: 'service_advisor', dealerId: d }, ttl) },
        { who: `callback_agent ${d} (CA-${d}-1)`, token: tokens.issue({ sub: `CA-${d}-1`, role: 'callback_agent', dealerId: d }, ttl) },
        { who: `customer_service_manager ${d}`, token: tokens.issue({ sub: `CSM-${d}-1`, role: 'customer_service_manager', dealerId: d }, ttl) },
      ],
    };
  } finally {
    await app.close();
  }
}

/** `aftercare demo`. */
export async function runDemo(args: DemoArgs, env: NodeJS.ProcessEnv = process.env, stderr: NodeJS.WritableStream = process.stderr): Promise<{ interrupted: boolean }> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
  if (!(await dataDirIsEmpty(config))) {
    throw new UsageError(`demo: ${config.dataDir} already holds events (or the event store is not the embedded one); point AFTERCARE_DATA_DIR at an empty folder`);
  }
  stderr.write(`demo: ${args.dealers} dealers, ${args.customers} customers, ${args.years} years, seed "${args.seed}" into ${config.dataDir}\n`);
  const result = await interruptible((signal) => generateIntoDataDir(args, { config, stderr, signal }));
  stderr.write(summary(result));
  return { interrupted: result.interrupted };
}

export function summary(result: DemoResult & { tokens: Array<{ who: string; token: string }> }): string {
  const lines = [
    `demo: ${result.events.toLocaleString('en')} events (${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s, reactions included) from ${Object.values(result.commands).reduce((s, n) => s + n, 0).toLocaleString('en')} commands in ${(result.elapsedMs / 1000).toFixed(1)} s; business time ${result.from.slice(0, 10)} … ${result.to.slice(0, 10)}${result.interrupted ? ' (interrupted)' : ''}`,
    `  commands: ${Object.entries(result.commands).map(([k, n]) => `${k} ${n}`).join(', ')}`,
  ];
  const refused = Object.entries(result.refused);
  if (refused.length) lines.push(`  refused by the rules: ${refused.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  lines.push('', '  Tokens to try (8 h):');
  for (const t of result.tokens) lines.push(`    ${t.who}:`, `      ${t.token}`);
  lines.push('', `  e.g. curl -H "Authorization: Bearer <callback_agent token>" localhost:3000/api/v1/callbacks/queue?limit=5`, '');
  return lines.join('\n') + '\n';
}

function progressLine(p: DemoProgress): string {
  const width = 30;
  const full = Math.round(p.fraction * width);
  const eps = p.elapsedMs > 0 ? Math.round(p.events / (p.elapsedMs / 1000)) : 0;
  const eta = p.fraction > 0 ? (p.elapsedMs / 1000) * ((1 - p.fraction) / p.fraction) : NaN;
  const etaText = Number.isFinite(eta) ? `${Math.floor(eta / 60)}:${String(Math.round(eta % 60)).padStart(2, '0')}` : '--:--';
  return `\r[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${(p.fraction * 100).toFixed(1).padStart(5)}%  ${p.simulatedAt.slice(0, 10)}  ${p.events.toLocaleString('en')} events  ${eps.toLocaleString('en')} ev/s  ETA ${etaText}   `;
}
