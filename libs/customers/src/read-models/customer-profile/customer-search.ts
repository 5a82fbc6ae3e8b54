import { ERASED } from '@aftercare/personal-data';
import type { CustomerProfileDoc } from './customer-profile.document';

/**
 * What a receptionist types to find a customer: the name (or any part of it), the
 * phone or its last four digits, a VIN, its last six characters, or a plate.
 * Stored as exact terms so the lookup is an index hit, not a scan.
 */
export function searchTerms(doc: Pick<CustomerProfileDoc, 'name' | 'phone' | 'vehicles' | 'company'>): string[] {
  const terms = new Set<string>();
  const add = (t: string | null | undefined) => {
    // Erased personal data is no search term: nothing of it, not even the marker, is indexed.
    if (t === ERASED) return;
    const n = normalizeSearch(t ?? '');
    if (n) terms.add(n);
  };
  add(doc.name);
  if (doc.name !== ERASED) for (const part of (doc.name ?? '').split(/\s+/)) add(part);
  if (doc.company) add(doc.company);
  const digits = (doc.phone === ERASED ? '' : doc.phone ?? '').replace(/\D/g, '');
  if (digits) {
    add(digits);
    add(digits.slice(-4));
  }
  for (const v of doc.vehicles ?? []) {
    add(v.vin);
    add(v.vin.slice(-6));
    add(v.plate);
  }
  return [...terms];
}

export function normalizeSearch(q: string): string {
  return q.trim().toLowerCase().replace(/[\s-]+/g, '');
}
