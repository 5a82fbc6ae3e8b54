import * as fs from 'fs';
import type { RecordedEvent } from '@aftercare/kernel';
import { loadConfig, openEventStore } from '@aftercare/platform';
import { interruptible, parseArgs } from './cli-args';
import { UsageError } from './token.command';

const USAGE = `usage: aftercare export --from <ISO> --to <ISO> [--out <file>]

Writes every event recorded in [from, to] as NDJSON, in log order: one
{ position, streamId, revision, type, data, metadata } per line, metadata as stored
(hash and prevHash included). stdout unless --out; progress on stderr.`;

export interface ExportArgs {
  from: string;
  to: string;
  out?: string;
}

export function parseExportArgs(argv: string[]): ExportArgs {
  const { flags, positionals } = parseArgs(argv, ['from', 'to', 'out'], USAGE);
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals[0]}\n\n${USAGE}`);
  if (!flags.from || !flags.to) throw new UsageError(USAGE);
  for (const key of ['from', 'to'] as const) {
    if (Number.isNaN(Date.parse(flags[key]))) throw new UsageError(`--${key} ${flags[key]} is not an ISO 8601 instant`);
  }
  return { from: flags.from, to: flags.to, out: flags.out };
}

/** One NDJSON line: the full envelope as stored, with where it was in the log. */
export function exportLine(event: RecordedEvent): string {
  return JSON.stringify({ position: event.position, streamId: event.streamId, revision: event.revision, type: event.type, data: event.data, metadata: event.metadata });
}

export interface ExportResult {
  exported: number;
  lastPosition: number;
  interrupted: boolean;
}

/**
 * `aftercare export`: the events whose recordedAt is in [from, to], read raw (no
 * upcasting: what is stored is what is exported), so `import` can restore them
 * byte for byte and their hash chains still verify.
 */
export async function runExport(args: ExportArgs, env: NodeJS.ProcessEnv = process.env, stderr: NodeJS.WritableStream = process.stderr, stdout: NodeJS.WritableStream = process.stdout): Promise<ExportResult> {
  const from = new Date(args.from).getTime();
  const to = new Date(args.to).getTime();
  const store = await openEventStore(loadConfig(env));
  const out: NodeJS.WritableStream = args.out ? fs.createWriteStream(args.out) : stdout;
  const result: ExportResult = { exported: 0, lastPosition: 0, interrupted: false };
  try {
    const head = await store.headPosition();
    await interruptible(async (signal) => {
      let buffer = '';
      let seen = 0;
      for await (const event of store.readAll()) {
        seen++;
        const at = Date.parse(event.metadata.recordedAt);
        if (at >= from && at <= to) {
          buffer += exportLine(event) + '\n';
          result.exported++;
          result.lastPosition = event.position;
        }
        if (seen % 1000 === 0) {
          if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
          buffer = '';
          stderr.write(`\rexport: ${result.exported} events written, ${pct(event.position, head)} of the log read`);
          if (signal.aborted) {
            result.interrupted = true;
            break;
          }
        }
      }
      if (buffer) out.write(buffer);
    });
    stderr.write(`\rexport: ${result.exported} events written${result.interrupted ? ' (interrupted)' : ''}\n`);
  } finally {
    if (args.out) await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
    await store.close();
  }
  return result;
}

function pct(position: number, head: number): string {
  return `${(head > 0 ? Math.min(100, (position / head) * 100) : 100).toFixed(1)}%`;
}
