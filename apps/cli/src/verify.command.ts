import { sqliteEventsFile, verifyHistory, type VerifyResult } from '@aftercare/audit';
import { loadConfig, openEventStore } from '@aftercare/platform';

export interface VerifyArgs {
  streamId?: string;
}

export function parseVerifyArgs(argv: string[]): VerifyArgs {
  const args: VerifyArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--stream(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unknown argument ${argv[i]}\n\nusage: aftercare verify [--stream <streamId>]`);
    args.streamId = match[1] ?? argv[++i];
  }
  return args;
}

/**
 * `aftercare verify [--stream id]`: recomputes the hash chains of the configured
 * store (docs/tamper-evidence.md). The result goes to stdout as JSON, progress to
 * stderr; Ctrl-C stops early and prints what was checked so far. Opened without
 * upcasters: what was sealed is what was stored.
 */
export async function runVerify(args: VerifyArgs, env: NodeJS.ProcessEnv = process.env, stderr: NodeJS.WritableStream = process.stderr): Promise<VerifyResult> {
  const config = loadConfig(env);
  const store = await openEventStore(config);
  const signal = { aborted: false };
  const interrupt = () => (signal.aborted = true);
  process.once('SIGINT', interrupt);
  try {
    return await verifyHistory(store, {
      streamId: args.streamId,
      sqliteFile: sqliteEventsFile(config),
      signal,
      onProgress: ({ checked, position, headPosition }) => {
        const pct = headPosition > 0 ? Math.min(100, (position / headPosition) * 100) : 100;
        stderr.write(`\rverified ${checked} events (${pct.toFixed(1)}% of the log)`);
      },
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
    stderr.write('\n');
    await store.close();
  }
}
