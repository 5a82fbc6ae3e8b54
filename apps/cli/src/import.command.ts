import * as fs from 'fs';
import * as readline from 'readline';
import type { EventMetadata } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import { loadConfig, openEventStore, openKeyStore } from '@aftercare/platform';
import { interruptible, parseArgs } from './cli-args';
import { UsageError } from './token.command';

const USAGE = `usage: aftercare import <file.ndjson> [--keys <file>]

Appends each event of an \`aftercare export\` file to its stream, in file order, at
the revision it had. Idempotent by event id: events already there are skipped, so
importing a file twice appends nothing and a run stopped by Ctrl-C continues where
it stopped when run again. Progress on stderr.

--keys restores the personal-data keys an \`export --keys\` wrote; a key this
deployment destroyed is never restored (docs/personal-data.md).`;

export interface ImportArgs {
  file: string;
  /** An `export --keys` file. */
  keys?: string;
}

export function parseImportArgs(argv: string[]): ImportArgs {
  const { flags, positionals } = parseArgs(argv, ['keys'], USAGE);
  if (positionals.length !== 1) throw new UsageError(USAGE);
  return { file: positionals[0], keys: flags.keys };
}

export interface ImportResult {
  appended: number;
  skipped: number;
  interrupted: boolean;
  /** With --keys: keys restored, and those left alone (already there, or destroyed here). */
  keys?: { imported: number; present: number; destroyed: number };
}

interface ExportedEvent {
  streamId: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * `aftercare import <file>`. Each event is appended alone, expecting the revision
 * before it, so the stored stream is the exported one revision for revision (the
 * hash chain seals the same envelope to the same hash). An event whose revision is
 * already taken is skipped if it carries the same event id, and is a conflict otherwise.
 */
export async function runImport(args: ImportArgs, env: NodeJS.ProcessEnv = process.env, stderr: NodeJS.WritableStream = process.stderr): Promise<ImportResult> {
  if (!fs.existsSync(args.file)) throw new UsageError(`no such file: ${args.file}`);
  if (args.keys && !fs.existsSync(args.keys)) throw new UsageError(`no such file: ${args.keys}`);
  const total = fs.statSync(args.file).size;
  const store = await openEventStore(loadConfig(env));
  const result: ImportResult = { appended: 0, skipped: 0, interrupted: false };
  if (args.keys) result.keys = await importKeys(args.keys, env);
  const input = fs.createReadStream(args.file);
  try {
    const tails = new Map<string, number>();
    let lineNo = 0;
    await interruptible(async (signal) => {
      for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
        lineNo++;
        if (line.trim() === '') continue;
        let event: ExportedEvent;
        try {
          event = JSON.parse(line) as ExportedEvent;
        } catch {
          throw new UsageError(`${args.file}:${lineNo}: not JSON`);
        }
        if (typeof event.streamId !== 'string' || !Number.isInteger(event.revision) || typeof event.type !== 'string' || !event.metadata?.eventId) {
          throw new UsageError(`${args.file}:${lineNo}: not an exported event (streamId, revision, type, data, metadata.eventId)`);
        }
        if (await importOne(store, tails, event)) result.appended++;
        else result.skipped++;
        const done = result.appended + result.skipped;
        if (done % 500 === 0) {
          stderr.write(`\rimport: ${result.appended} appended, ${result.skipped} already there (${((input.bytesRead / Math.max(1, total)) * 100).toFixed(1)}%)`);
        }
        if (signal.aborted) {
          result.interrupted = true;
          break;
        }
      }
    });
    stderr.write(`\rimport: ${result.appended} appended, ${result.skipped} already there${result.interrupted ? ' (interrupted: run again to continue)' : ''}\n`);
  } finally {
    input.destroy();
    await store.close();
  }
  return result;
}

/** Restores the keys of an `export --keys` file; a different key for a subject that has one is an error. */
async function importKeys(file: string, env: NodeJS.ProcessEnv): Promise<{ imported: number; present: number; destroyed: number }> {
  const keys = await openKeyStore(loadConfig(env));
  const counts = { imported: 0, present: 0, destroyed: 0 };
  try {
    let lineNo = 0;
    for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
      lineNo++;
      if (line.trim() === '') continue;
      let entry: { subject?: unknown; key?: unknown };
      try {
        entry = JSON.parse(line);
      } catch {
        throw new UsageError(`${file}:${lineNo}: not JSON`);
      }
      const key = typeof entry.key === 'string' ? Buffer.from(entry.key, 'base64') : null;
      if (typeof entry.subject !== 'string' || !key || key.length !== 32) throw new UsageError(`${file}:${lineNo}: not an exported key ({ subject, key })`);
      const outcome = await keys.importKey(entry.subject, key);
      if (outcome === 'conflict') throw new Error(`${file}:${lineNo}: ${entry.subject} already has a different key here`);
      counts[outcome]++;
    }
  } finally {
    await keys.close();
  }
  return counts;
}

/** true when appended, false when the event was already in its stream. */
async function importOne(store: EventStore, tails: Map<string, number>, event: ExportedEvent): Promise<boolean> {
  let tail = tails.get(event.streamId);
  if (tail === undefined) {
    const [last] = await store.readStream(event.streamId, { direction: 'backwards', limit: 1 });
    tail = last ? last.revision : -1;
  }
  if (event.revision <= tail) {
    const [there] = await store.readStream(event.streamId, { from: event.revision, limit: 1 });
    if (there?.metadata.eventId !== event.metadata.eventId) {
      throw new Error(`${event.streamId}@${event.revision}: holds event ${there?.metadata.eventId}, the file has ${event.metadata.eventId}`);
    }
    tails.set(event.streamId, tail);
    return false;
  }
  if (event.revision !== tail + 1) {
    throw new Error(`${event.streamId}@${event.revision}: the stream ends at revision ${tail}; import the events before it first`);
  }
  await store.append(event.streamId, [{ type: event.type, data: event.data ?? {}, metadata: event.metadata }], {
    expectedRevision: tail === -1 ? 'no_stream' : tail,
  });
  tails.set(event.streamId, event.revision);
  return true;
}
