import type { EventStore } from '@aftercare/event-store';
import type { ReadStore } from '@aftercare/read-store';
import { buildIdOf, consoleRunnerLogger, ProjectionCatalog, ProjectionMonitor, ProjectionRunner, type BuildInfo, type ProjectionDefinition, type ProjectionStatus } from '@aftercare/projections';
import { ContextDefinition, loadConfig, openProtectedEventStore, openReadStore, personalDataOf, upcastersOf } from '@aftercare/platform';
import { interruptible, parseArgs } from './cli-args';
import { UsageError } from './token.command';

const USAGE = `usage: aftercare rebuild <projection|all> [--local]

Builds the projection's current version again from position 0 beside the serving
build (blue-green) and exits once the new build serves queries. A progress bar
with an ETA goes to stderr.

  (default)  asks the running projector (apps/projector or npm start) to build it,
             and watches its progress: only one process may write a projection.
  --local    builds it in this process: for a stopped deployment (after an import).`;

export interface RebuildArgs {
  projection: string;
  local: boolean;
}

export function parseRebuildArgs(argv: string[]): RebuildArgs {
  const local = argv.includes('--local');
  const { positionals } = parseArgs(argv.filter((a) => a !== '--local'), [], USAGE);
  if (positionals.length !== 1) throw new UsageError(USAGE);
  return { projection: positionals[0], local };
}

export interface RebuildResult {
  builds: BuildInfo[];
  interrupted: boolean;
}

interface Deps {
  contexts: readonly ContextDefinition[];
  env?: NodeJS.ProcessEnv;
  stderr?: NodeJS.WritableStream;
  pollMs?: number;
}

/**
 * `aftercare rebuild`: ProjectionRunner.rebuild() for one projection or all of
 * them, then ProjectionRunner/ProjectionMonitor.status() until every new build is
 * the active one.
 */
export async function runRebuild(args: RebuildArgs, deps: Deps): Promise<RebuildResult> {
  const env = deps.env ?? process.env;
  const stderr = deps.stderr ?? process.stderr;
  const pollMs = deps.pollMs ?? 250;
  const definitions = deps.contexts.flatMap((c) => c.projections ?? []);
  const names = [...new Set(definitions.map((d) => d.name))];
  const wanted = args.projection === 'all' ? names : [args.projection];
  for (const name of wanted) {
    if (!names.includes(name)) throw new UsageError(`unknown projection ${name}; one of: all, ${names.join(', ')}`);
  }
  const config = loadConfig(env);
  // Personal fields opened with the keys of this deployment (or `[erased]`), as the projector reads them.
  const eventStore = await openProtectedEventStore(config, upcastersOf(deps.contexts), personalDataOf(deps.contexts));
  // The runner's own connection, and another one to watch from (see ProjectionRunnerOptions.readStore).
  const runnerStore = await openReadStore(config);
  const watchStore = await openReadStore(config);
  const runner = new ProjectionRunner({
    eventStore,
    readStore: runnerStore,
    projections: definitions,
    logger: args.local ? consoleRunnerLogger : { ...consoleRunnerLogger, warn: () => undefined },
    controlPollMs: 0,
  });
  try {
    if (args.local) await runner.start();
    const builds: BuildInfo[] = [];
    for (const name of wanted) builds.push(await runner.rebuild(name));
    stderr.write(`rebuild: ${builds.map((b) => buildIdOf(b.name, b.version, b.generation)).join(', ')}${args.local ? '' : ' requested from the running projector'}\n`);
    const interrupted = await interruptible((signal) =>
      watch(builds, { runner: args.local ? runner : null, eventStore, watchStore, definitions, stderr, pollMs, signal }),
    );
    return { builds, interrupted };
  } finally {
    await runner.stop();
    await Promise.allSettled([runnerStore.close(), watchStore.close()]);
    await eventStore.close();
  }
}

interface WatchDeps {
  runner: ProjectionRunner | null;
  eventStore: EventStore;
  watchStore: ReadStore;
  definitions: ProjectionDefinition[];
  stderr: NodeJS.WritableStream;
  pollMs: number;
  signal: { aborted: boolean };
}

/** Draws the bar until every build is active; true when Ctrl-C stopped the wait. */
async function watch(builds: BuildInfo[], deps: WatchDeps): Promise<boolean> {
  const catalog = new ProjectionCatalog(deps.watchStore);
  const monitor = new ProjectionMonitor({ eventStore: deps.eventStore, readStore: deps.watchStore });
  const started = Date.now();
  let hinted = false;
  for (;;) {
    let done = 0;
    let position = 0;
    let head = 0;
    let rate = 0;
    const statuses: ProjectionStatus[] = deps.runner ? await deps.runner.status() : await monitor.status();
    for (const b of builds) {
      const doc = await catalog.build(buildIdOf(b.name, b.version, b.generation));
      const status = statuses.find((s) => s.name === b.name);
      const h = status?.headPosition ?? (await deps.eventStore.headPosition());
      head += h;
      if (doc?.state === 'active' || doc?.state === 'retired') {
        done++;
        position += h;
      } else {
        const progress = status?.rebuild && status.rebuild.generation === b.generation ? status.rebuild : null;
        position += progress ? Math.min(progress.position, h) : (doc?.position ?? 0);
        rate += progress?.eventsPerSecond ?? 0;
      }
    }
    const fraction = head <= 0 ? (done === builds.length ? 1 : 0) : position / head;
    deps.stderr.write(`\r${bar(fraction)} ${(fraction * 100).toFixed(1).padStart(5)}%  ${done}/${builds.length} switched  ETA ${eta(started, fraction)}${rate > 0 ? `  ${Math.round(rate)} ev/s` : ''}   `);
    if (done === builds.length) {
      deps.stderr.write(`\nrebuild: done in ${((Date.now() - started) / 1000).toFixed(1)} s; the new builds serve queries\n`);
      return false;
    }
    if (deps.signal.aborted) {
      deps.stderr.write(`\nrebuild: stopped watching; ${deps.runner ? 'run again to continue the build' : 'the projector goes on building'}\n`);
      return true;
    }
    if (!deps.runner && !hinted && Date.now() - started > 15_000 && position === 0) {
      hinted = true;
      deps.stderr.write(`\nrebuild: no projector has picked the build up yet; if none is running, stop this and run again with --local\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs));
  }
}

function bar(fraction: number, width = 30): string {
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}

function eta(started: number, fraction: number): string {
  if (fraction <= 0) return '--:--';
  const remainingS = Math.max(0, ((Date.now() - started) / 1000) * ((1 - fraction) / fraction));
  const m = Math.floor(remainingS / 60);
  const s = Math.round(remainingS % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}
