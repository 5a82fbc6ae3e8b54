import type { Role } from '@aftercare/kernel';
import { ERASED } from './personal-data.catalogue';

/** The identifiers shown in full only to the roles that work with them. */
export type MaskedField = 'phone' | 'nationalId';

/**
 * Who sees national ids and phones in full (docs/personal-data.md). Everyone else
 * who may read the customer sees them masked (`138****5678`): OEM roles, auditors
 * and integrators need to tell customers apart, not to call or identify them.
 * Phones: the dealer staff who contact the customer. National ids: those who file
 * the customer's papers (registration, complaints that end in compensation waivers).
 */
export const FULL_VIEW: Readonly<Record<MaskedField, readonly Role[]>> = {
  phone: [
    'service_advisor',
    'callback_agent',
    'customer_service_manager',
    'business_supervisor',
    'service_director',
    'dealer_general_manager',
    'admin',
  ],
  nationalId: ['service_advisor', 'customer_service_manager', 'admin'],
};

export function seesInFull(role: string, field: MaskedField): boolean {
  return (FULL_VIEW[field] as readonly string[]).includes(role);
}

/**
 * Keeps the first 3 and the last 4 characters and stars the rest (`13812345678`
 * → `138****5678`, a national id → `110***********1234`); short values keep only
 * their last 2. Null and the erased marker stay as they are.
 */
export function maskValue(value: string | null | undefined): string | null | undefined {
  if (value === null || value === undefined || value === ERASED) return value;
  const chars = [...value];
  if (chars.length >= 9) return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 2) + chars.slice(-2).join('');
}

/** `record` with `phone` and `nationalId` masked for a role that does not see them in full (a copy; top level only). */
export function maskForRole<T extends object>(record: T, role: string): T {
  let out: T | undefined;
  for (const field of ['phone', 'nationalId'] as const) {
    const value = (record as Record<string, unknown>)[field];
    if (typeof value !== 'string' || seesInFull(role, field)) continue;
    out ??= { ...record };
    (out as Record<string, unknown>)[field] = maskValue(value);
  }
  return out ?? record;
}
