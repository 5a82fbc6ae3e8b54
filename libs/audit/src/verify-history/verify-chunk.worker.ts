import { parentPort, workerData } from 'worker_threads';
import { SqliteStoredLogReader } from '@aftercare/event-store';
import { verifyStoredChunk } from './stored-chunk';

/**
 * A worker thread of verify-chunks.ts: opens the events file read-only and
 * verifies the position ranges it is sent, one at a time.
 */
const reader = new SqliteStoredLogReader((workerData as { file: string }).file);
parentPort!.on('message', (job: { id: number; after: number; to: number } | 'close') => {
  if (job === 'close') {
    reader.close();
    parentPort!.close();
    return;
  }
  try {
    parentPort!.postMessage({ id: job.id, summary: verifyStoredChunk(reader, job.after, job.to) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
