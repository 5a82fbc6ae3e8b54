/**
 * Money is kept as the client sent it (a number of currency units with at most two
 * decimals) and compared in whole cents, so 0.1 + 0.2 adds up to 0.3 when a
 * breakdown is checked against its total.
 */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** A positive amount with at most two decimals. */
export function isMoney(amount: unknown): amount is number {
  return typeof amount === 'number' && Number.isFinite(amount) && amount > 0 && Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6;
}

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
/** API.md amounts elsewhere (visits, solutions) are yuan; a goodwill-warranty form defaults to it. */
export const DEFAULT_CURRENCY = 'CNY';
