import * as crypto from 'crypto';

/**
 * The seal of an event (docs/tamper-evidence.md): SHA-256 over its canonical
 * envelope chained to the previous event of its stream. Pure functions with no
 * dependency but `crypto`, so the sealing store (platform) and the verifier's
 * worker threads (audit) compute it alike.
 */

/** Metadata fields the seal adds; left out of what the seal covers. */
export const HASH_FIELDS = ['hash', 'prevHash'] as const;

/**
 * JSON with object keys sorted at every depth, so the same envelope always hashes
 * the same, whichever order an adapter or a JSON round trip gives its keys. Keeps
 * JSON.stringify's rules for the rest (undefined fields dropped, toJSON used), so
 * an event hashes the same before it is stored and after it is read back.
 *
 * A value already in that order (plain objects and arrays of JSON values, keys
 * sorted: what parsing canonical JSON gives back) is serialised by JSON.stringify
 * itself, which then writes exactly the same text, natively.
 */
export function canonicalJson(value: unknown): string {
  if (inCanonicalOrder(value)) return JSON.stringify(value);
  return slowCanonicalJson(value);
}

function slowCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return slowCanonicalJson(json.call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out += (i ? ',' : '') + (item === undefined || typeof item === 'function' ? 'null' : slowCanonicalJson(item));
    }
    return out + ']';
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function') continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + slowCanonicalJson(item);
    first = false;
  }
  return out + '}';
}

/** Whether JSON.stringify(value) is its canonical JSON: only JSON values, plain objects with keys in sorted order. */
function inCanonicalOrder(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!inCanonicalOrder(value[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !(keys[i - 1] < keys[i])) return false;
    if (!inCanonicalOrder((value as Record<string, unknown>)[keys[i]])) return false;
  }
  return true;
}

/** A copy of `value` whose keys are in canonical order at every depth (JSON.stringify of it is its canonical JSON). */
export function canonicalCopy<T>(value: T): T {
  return JSON.parse(canonicalJson(value)) as T;
}

export interface SealInput {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

const oneShotHash = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** SHA-256 hex of a text (one native call where node has crypto.hash). */
function sha256(text: string): string {
  return oneShotHash ? oneShotHash('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * SHA-256 over the envelope (stream, revision, type, data, metadata without the
 * seal fields) and the previous event's hash, hex: changing any stored byte of an
 * event, or dropping or reordering events, breaks the chain from there on.
 */
export function eventHash(event: SealInput, prevHash: string | null): string {
  const { hash: _hash, prevHash: _prev, ...metadata } = event.metadata;
  // Keys in sorted order: canonicalJson of the envelope is then one JSON.stringify when data and metadata are canonical.
  const body = canonicalJson({ data: event.data, metadata, revision: event.revision, streamId: event.streamId, type: event.type });
  return sha256(`${prevHash ?? ''}\n${body}`);
}

/** The hash an event's successor in its stream must carry as prevHash (null before the first sealed event). */
export function sealOf(event: { metadata: Record<string, unknown> } | undefined): string | null {
  const hash = event?.metadata.hash;
  return typeof hash === 'string' ? hash : null;
}

/**
 * The seal fields as the sealing store writes them, last in the metadata JSON:
 * `,"prevHash":"<64 hex>","hash":"<64 hex>"}` (153 characters) or, first in a
 * stream, `,"prevHash":null,"hash":"<64 hex>"}` (91).
 */
const CHAINED_HEAD = ',"prevHash":"';
const CHAINED_MIDDLE = '","hash":"';
const FIRST_HEAD = ',"prevHash":null,"hash":"';
const HASH_END = '"}';

/**
 * The hash of an event computed on its stored JSON text, without parsing it:
 * `data` and `metadata` as the store holds them, the seal fields last in the
 * metadata (as HashChainedEventStore writes them). Undefined when the text does
 * not have that shape; otherwise `hash` is what the event carries, and
 * `recomputed` what the stored text hashes to.
 *
 * When the stored texts are canonical JSON, `recomputed === hash` exactly when the
 * event is as sealed. When they are not (events sealed before canonical storage,
 * or a key order changed), the hashes differ and the caller must decide on the
 * parsed event (eventHash). A match is proof on its own: the body hashed contains
 * exactly one `"metadata":` and one `"revision":` (stored texts with more are not
 * hashed here), so the data and metadata texts stand where the sealed ones stood
 * and are byte for byte the sealed canonical JSON.
 */
export function storedEventHash(
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
): { prevHash: string | null; hash: string; recomputed: string } | undefined {
  // Fixed offsets rather than a parse: a hash or prevHash that is not 64 hex characters cannot match a recomputed one.
  const length = metadata.length;
  let cut: number;
  let prevHash: string | null;
  if (metadata.startsWith(CHAINED_HEAD, length - 153) && metadata.startsWith(CHAINED_MIDDLE, length - 76)) {
    cut = length - 153;
    prevHash = metadata.slice(length - 140, length - 76);
  } else if (metadata.startsWith(FIRST_HEAD, length - 91)) {
    cut = length - 91;
    prevHash = null;
  } else {
    return undefined;
  }
  if (cut <= 1 || !metadata.endsWith(HASH_END)) return undefined;
  const hash = metadata.slice(length - 66, length - 2);
  const fields = metadata.slice(0, cut);
  if (data.includes('"metadata":') || fields.includes('"metadata":') || fields.includes('"revision":')) return undefined;
  const body = `{"data":${data},"metadata":${fields}},"revision":${revision},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`;
  return { prevHash, hash, recomputed: sha256(`${prevHash ?? ''}\n${body}`) };
}
