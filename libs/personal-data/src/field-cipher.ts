import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';

export const CIPHER = 'AES-256-GCM';
export const KEY_BYTES = 32;

/**
 * The personal fields of one event, sealed with its subject's key. `fields` names
 * what is inside (not the values) so an erased event can still say which fields it
 * had; `subject` and the event type are bound in as associated data, so a sealed
 * value copied into another person's event does not open.
 */
export interface SealedFields {
  alg: typeof CIPHER | 'none';
  subject: string;
  fields: string[];
  /** base64 (alg AES-256-GCM) */
  iv?: string;
  ct?: string;
  tag?: string;
  /** Only in events written before encryption (schemaVersion 1), as the upcaster wraps them. */
  plain?: Record<string, unknown>;
}

function aad(type: string, subject: string): Buffer {
  return Buffer.from(`${type}\n${subject}`, 'utf8');
}

export function sealFields(key: Buffer, type: string, subject: string, values: Record<string, unknown>): SealedFields {
  if (key.length !== KEY_BYTES) throw new Error('personal-data key must be 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(type, subject));
  const ct = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return { alg: CIPHER, subject, fields: Object.keys(values).filter((f) => values[f] !== null), iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Throws when the key is not the one that sealed it or a byte was changed (GCM authentication). */
export function openFields(key: Buffer, type: string, sealed: SealedFields): Record<string, unknown> {
  if (sealed.alg === 'none') return { ...(sealed.plain ?? {}) };
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv ?? '', 'base64'));
  decipher.setAAD(aad(type, sealed.subject));
  decipher.setAuthTag(Buffer.from(sealed.tag ?? '', 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ct ?? '', 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
}

export function isSealedFields(value: unknown): value is SealedFields {
  const v = value as SealedFields | null;
  return !!v && typeof v === 'object' && (v.alg === CIPHER || v.alg === 'none') && typeof v.subject === 'string' && Array.isArray(v.fields);
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
