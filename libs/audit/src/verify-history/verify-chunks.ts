import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { SqliteStoredLogReader } from '@aftercare/event-store';
import { HashChainVerifier, type Link, type VerifyOptions, type VerifyResult } from './hash-chain.verifier';
import { verifyStoredChunk, type ChunkSummary } from './stored-chunk';

const WORKER_FILE = path.join(__dirname, 'verify-chunk.worker.js');
const MIN_CHUNK = 5_000;
const MAX_CHUNK = 50_000;

/**
 * The whole log of a SQLite events file, verified on its stored bytes: the
 * positions up to the head (read at the start) are cut into chunks, checked by
 * worker threads in parallel (verifyStoredChunk: every hash, every link inside a
 * chunk), and stitched here in position order: each stream's first event in a
 * chunk must follow the last one of that stream in the chunks before. The result
 * equals a sequential run's. A chunk with anything wrong is checked again
 * sequentially, from the state the chunks before it left, to name the first
 * broken link exactly as the sequential verifier would.
 *
 * Hashing is CPU-bound, so the threads are what makes it fast (one per CPU, at
 * most 4); with `workers: 0`, or when this code runs untranspiled (tests) or the
 * log is a single chunk, the chunks are checked in this thread instead.
 */
export async function verifyStoredLog(file: string, options: VerifyOptions): Promise<VerifyResult> {
  const reader = new SqliteStoredLogReader(file);
  const every = options.progressEvery ?? 10_000;
  const chunk = options.chunkSize ?? Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, every));
  const head = reader.headPosition();
  const tails = new Map<string, Link>();
  let checked = 0;
  let unsealed = 0;
  let lastPosition = 0;
  let sinceReport = 0;
  const ranges: [number, number][] = [];
  for (let after = 0; after < head; after += chunk) ranges.push([after, Math.min(head, after + chunk)]);
  const wanted = options.workers ?? Math.min(4, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  const threads = __filename.endsWith('.js') && ranges.length > 1 ? Math.max(0, Math.min(wanted, ranges.length)) : 0;
  const pool = threads > 0 ? new ChunkPool(file, threads) : undefined;
  try {
    const pending: Promise<ChunkSummary>[] = [];
    let next = 0;
    const dispatch = () => {
      // Two chunks in flight per thread, so none waits while this thread stitches.
      while (next < ranges.length && pending.length < Math.max(1, threads * 2)) {
        const [after, to] = ranges[next++];
        const job = pool ? pool.run(after, to) : Promise.resolve().then(() => verifyStoredChunk(reader, after, to));
        // Chunks left behind by an early return must not surface as unhandled rejections.
        job.catch(() => undefined);
        pending.push(job);
      }
    };
    dispatch();
    while (pending.length > 0) {
      const summary = await pending.shift()!;
      dispatch();
      if (summary.brokenAt !== null || !stitches(tails, summary)) {
        // Something in this chunk is wrong: find exactly what, in order, from the state before it.
        const verifier = new HashChainVerifier(null, { tails, checked, unsealed, lastPosition });
        for (let after = summary.after; ; ) {
          const rows = reader.page(after, summary.to, 2_000);
          for (const row of rows) if (!verifier.checkStored(row)) return verifier.result();
          if (rows.length === 0) break;
          after = rows[rows.length - 1][0];
        }
        return verifier.result();
      }
      checked += summary.checked;
      unsealed += summary.unsealed;
      if (summary.checked > 0) lastPosition = summary.lastPosition;
      sinceReport += summary.checked;
      if (sinceReport >= every) {
        sinceReport = 0;
        await options.onProgress?.({ checked, position: summary.to, headPosition: head });
        if (options.signal?.aborted) break;
      }
    }
    return { ok: true, streamId: null, checked, unsealed, streams: tails.size, lastPosition, firstBroken: null };
  } finally {
    await pool?.close();
    reader.close();
  }
}

/** Links the chunk's streams to how they ended before it; false if one does not follow on (tails untouched then). */
function stitches(tails: Map<string, Link>, summary: ChunkSummary): boolean {
  for (const [streamId, firstRevision, firstPrevHash, firstSealed] of summary.streams) {
    const tail = tails.get(streamId);
    if (firstRevision !== (tail ? tail.revision + 1 : 0)) return false;
    const previous = tail?.hash ?? null;
    if (firstSealed ? firstPrevHash !== previous : previous !== null) return false;
  }
  for (const [streamId, , , , lastRevision, lastHash] of summary.streams) tails.set(streamId, { revision: lastRevision, hash: lastHash });
  return true;
}

/** Worker threads taking chunks in turn (verify-chunk.worker.ts). */
class ChunkPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { after: number; to: number; resolve: (s: ChunkSummary) => void; reject: (e: unknown) => void }[] = [];
  private readonly waiting = new Map<number, { resolve: (s: ChunkSummary) => void; reject: (e: unknown) => void }>();
  private ids = 0;

  constructor(file: string, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_FILE, { workerData: { file } });
      worker.on('message', (message: { id: number; summary?: ChunkSummary; error?: string }) => {
        const job = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.summary) job?.resolve(message.summary);
        else job?.reject(new Error(`verify worker: ${message.error}`));
        this.idle.push(worker);
        this.pump();
      });
      worker.on('error', (err) => {
        for (const job of this.waiting.values()) job.reject(err);
        this.waiting.clear();
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(after: number, to: number): Promise<ChunkSummary> {
    return new Promise((resolve, reject) => {
      this.queue.push({ after, to, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      const id = ++this.ids;
      this.waiting.set(id, job);
      worker.postMessage({ id, after: job.after, to: job.to });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
