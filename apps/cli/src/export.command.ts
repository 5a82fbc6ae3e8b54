import * as fs from 'fs';
import type { RecordedEvent } from '@aftercare/kernel';
import { loadConfig, openEventStore, openKeyStore } from '@aftercare/platform';
import { interruptible, parseArgs } from './cli-args';
import { UsageError } from './token.command';

const USAGE = `usage: aftercare export --from <ISO> --to <ISO> [--out <file> [--resume]] [--keys <file>]

Writes every event recorded in [from, to] as NDJSON, in log order: one
{ position, streamId, revision, type, data, metadata } per line, metadata as stored
(hash and prevHash included). stdout unless --out; progress on stderr. With
--resume, an export to --out that was interrupted (Ctrl-C, a crash) goes on after
the last complete line of the file instead of starting over.

Personal data stays encrypted in the export. --keys writes the personal-data
keys still active (one { subject, key } per line, file mode 0600) to a separate
file: without it, an import shows every personal field as erased; erased
customers stay erased either way (docs/personal-data.md). Keep that file apart
from the events and destroy it after use.`;

export interface ExportArgs {
  from: string;
  to: string;
  out?: string;
  /** Where to write the personal-data keys (docs/personal-data.md). */
  keys?: string;
  /** Continue an interrupted export to `out` after its last complete line. */
  resume?: boolean;
}

export function parseExportArgs(argv: string[]): ExportArgs {
  const resume = argv.includes('--resume');
  const { flags, positionals } = parseArgs(argv.filter((a) => a !== '--resume'), ['from', 'to', 'out', 'keys'], USAGE);
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals[0]}\n\n${USAGE}`);
  if (!flags.from || !flags.to) throw new UsageError(USAGE);
  for (const key of ['from', 'to'] as const) {
    if (Number.isNaN(Date.parse(flags[key]))) throw new UsageError(`--${key} ${flags[key]} is not an ISO 8601 instant`);
  }
  if (resume && !flags.out) throw new UsageError(`--resume continues the file of --out\n\n${USAGE}`);
  return { from: flags.from, to: flags.to, out: flags.out, keys: flags.keys, ...(resume ? { resume: true } : {}) };
}

/**
 * Where an interrupted export stopped: the position of the last complete line of
 * `file` (a partial last line, from a crash mid-write, is cut off), or null when
 * there is nothing to continue.
 */
export function resumePointOf(file: string): number | null {
  if (!fs.existsSync(file)) return null;
  const size = fs.statSync(file).size;
  if (size === 0) return null;
  const fd = fs.openSync(file, 'r+');
  try {
    // Lines are single events: the last two fit in the last few MB.
    const length = Math.min(size, 8 * 1024 * 1024);
    const tail = Buffer.alloc(length);
    fs.readSync(fd, tail, 0, length, size - length);
    const end = tail.lastIndexOf(0x0a);
    if (end < 0) {
      if (size > length) return resumeError(file);
      fs.ftruncateSync(fd, 0);
      return null;
    }
    if (end !== length - 1) fs.ftruncateSync(fd, size - length + end + 1);
    const start = tail.lastIndexOf(0x0a, end - 1) + 1;
    const position = (JSON.parse(tail.subarray(start, end).toString('utf8')) as { position?: unknown }).position;
    return typeof position === 'number' ? position : resumeError(file);
  } finally {
    fs.closeSync(fd);
  }
}

function resumeError(file: string): never {
  throw new UsageError(`${file} does not end with an export line; --resume continues only a file this command wrote`);
}

/** One NDJSON line: the full envelope as stored, with where it was in the log. */
export function exportLine(event: RecordedEvent): string {
  return JSON.stringify({ position: event.position, streamId: event.streamId, revision: event.revision, type: event.type, data: event.data, metadata: event.metadata });
}

export interface ExportResult {
  exported: number;
  lastPosition: number;
  interrupted: boolean;
  /** Keys written with --keys. */
  keys?: number;
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
  // Resuming: this run appends what follows the last line the file holds.
  const after = args.resume && args.out ? resumePointOf(args.out) : null;
  const out: NodeJS.WritableStream = args.out ? fs.createWriteStream(args.out, { flags: after === null ? 'w' : 'a' }) : stdout;
  const result: ExportResult = { exported: 0, lastPosition: after ?? 0, interrupted: false };
  try {
    const head = await store.headPosition();
    if (after !== null) stderr.write(`export: resuming ${args.out} after position ${after}\n`);
    await interruptible(async (signal) => {
      let buffer = '';
      let seen = 0;
      for await (const event of store.readAll(after === null ? {} : { from: after + 1 })) {
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
    if (args.keys && !result.interrupted) {
      result.keys = await exportKeys(args.keys, env);
      stderr.write(`export: ${result.keys} personal-data keys written to ${args.keys}\n`);
    }
  } finally {
    if (args.out) await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
    await store.close();
  }
  return result;
}

/** The active personal-data keys, one `{ subject, key }` (base64) per line, readable by the owner only. */
async function exportKeys(file: string, env: NodeJS.ProcessEnv): Promise<number> {
  const keys = await openKeyStore(loadConfig(env));
  let count = 0;
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    for await (const { subject, key } of keys.exportKeys()) {
      fs.writeSync(fd, JSON.stringify({ subject, key: key.toString('base64') }) + '\n');
      count++;
    }
  } finally {
    fs.closeSync(fd);
    await keys.close();
  }
  return count;
}

function pct(position: number, head: number): string {
  return `${(head > 0 ? Math.min(100, (position / head) * 100) : 100).toFixed(1)}%`;
}
