import { createHash } from 'crypto';

/**
 * "What the approver saw" (issue: every sign-off records the exact version of the
 * claim): the claim's content as canonical JSON (object keys sorted at every level,
 * no whitespace, arrays in their order) hashed with SHA-256. The same content always
 * gives the same hash, in any process and after any replay; any change to an amount,
 * a breakdown line, a finding or a document gives another. Which fields make up the
 * content is defined per claim type in claim.state.ts (`contentOf…`).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('claim content cannot hold a non-finite number');
  return JSON.stringify(value);
}

export function contentHash(content: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}
