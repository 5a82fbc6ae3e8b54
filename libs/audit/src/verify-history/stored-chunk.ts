import { eventHash, storedEventHash } from '@aftercare/kernel';
import type { StoredEventRow } from '@aftercare/event-store';

/**
 * A stream as one chunk of the log saw it: its first event's claims (checked
 * against the chunk before when the chunks are stitched) and its last link.
 * [streamId, firstRevision, firstPrevHash, firstSealed, lastRevision, lastHash]
 */
export type ChunkStream = [string, number, string | null, boolean, number, string | null];

/** What a chunk of the log (positions after `after` up to `to`) says about the chains. */
export interface ChunkSummary {
  after: number;
  to: number;
  checked: number;
  unsealed: number;
  lastPosition: number;
  streams: ChunkStream[];
  /**
   * Position of the first event found wrong within the chunk (its hash, or its
   * link to an earlier event of its stream in this chunk): the chunk stops
   * there, and the caller verifies the chunk again in order to say exactly what broke.
   */
  brokenAt: number | null;
}

interface Tail {
  index: number;
  revision: number;
  hash: string | null;
}

const PAGE = 2_000;

/**
 * Checks one position range of a stored log on its own (verify-chunks.ts runs
 * ranges in worker threads): every event's hash against its stored bytes, and
 * every link between two events of a stream inside the range. The links into
 * the range (each stream's first event here) are left to the caller, who knows
 * how the streams ended in the ranges before.
 */
export function verifyStoredChunk(reader: { page(after: number, to: number, limit: number): StoredEventRow[] }, after: number, to: number): ChunkSummary {
  const tails = new Map<string, Tail>();
  const streams: ChunkStream[] = [];
  let checked = 0;
  let unsealed = 0;
  let lastPosition = after;
  for (let from = after; ; ) {
    const rows = reader.page(from, to, PAGE);
    for (const row of rows) {
      const [position, streamId, revision, type, data, metadata] = row;
      let hash: string | null;
      let prevHash: string | null;
      let intact: boolean;
      const stored = storedEventHash(streamId, revision, type, data, metadata);
      if (stored !== undefined && stored.recomputed === stored.hash) {
        hash = stored.hash;
        prevHash = stored.prevHash;
        intact = true;
      } else {
        // Not hashable as stored (sealed before canonical storage, unsealed, or changed): parse and re-serialise.
        let parsed: { data: unknown; metadata: Record<string, unknown> };
        try {
          parsed = { data: JSON.parse(data), metadata: JSON.parse(metadata) };
        } catch {
          return summary(position);
        }
        hash = typeof parsed.metadata.hash === 'string' ? parsed.metadata.hash : null;
        prevHash = (parsed.metadata.prevHash as string | null | undefined) ?? null;
        intact = hash === null || eventHash({ streamId, revision, type, data: parsed.data, metadata: parsed.metadata }, prevHash) === hash;
      }
      checked++;
      lastPosition = position;
      if (!intact) return summary(position);
      const tail = tails.get(streamId);
      if (tail === undefined) {
        tails.set(streamId, { index: streams.length, revision, hash });
        streams.push([streamId, revision, prevHash, hash !== null, revision, hash]);
      } else {
        if (revision !== tail.revision + 1) return summary(position);
        if (hash === null ? tail.hash !== null : prevHash !== tail.hash) return summary(position);
        tail.revision = revision;
        tail.hash = hash;
        const entry = streams[tail.index];
        entry[4] = revision;
        entry[5] = hash;
      }
      if (hash === null) unsealed++;
    }
    if (rows.length < PAGE) break;
    from = rows[rows.length - 1][0];
  }
  return summary(null);

  function summary(brokenAt: number | null): ChunkSummary {
    return { after, to, checked, unsealed, lastPosition, streams, brokenAt };
  }
}
