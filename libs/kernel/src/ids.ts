import { createHash, randomBytes } from 'crypto';

/**
 * UUID v7 (RFC 9562): 48-bit Unix ms timestamp, then random bits, so ids sort by
 * creation time. Monotonic within one process: ids made in the same millisecond
 * increase by their counter bits.
 */
let lastMs = 0;
let counter = 0;

// One randomBytes call per 256 ids instead of one per id: the syscall dominated
// id generation on the command path.
const POOL_IDS = 256;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomId16(): Buffer {
  if (poolOffset >= pool.length) {
    pool = randomBytes(16 * POOL_IDS);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return bytes;
}

export function uuidv7(now: number = Date.now()): string {
  const bytes = randomId16();
  if (now <= lastMs) {
    now = lastMs;
    counter = (counter + 1) & 0xfff;
    if (counter === 0) now = ++lastMs;
  } else {
    counter = bytes.readUInt16BE(6) & 0x7ff;
  }
  lastMs = now;
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(bytes);
}

/**
 * A name-based UUID (v8 layout, SHA-256 of the name parts): the same inputs always
 * give the same id. Used to turn an Idempotency-Key into event ids and resource ids,
 * so a retried request appends nothing new.
 */
export function deterministicUuid(...parts: string[]): string {
  const hash = createHash('sha256').update(parts.join('\u001f')).digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(bytes);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

function format(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Produces ids; injectable so tests can make them predictable. */
export interface IdGenerator {
  next(): string;
}

export const ID_GENERATOR = Symbol('IdGenerator');

export const uuidv7Generator: IdGenerator = { next: () => uuidv7() };
