/**
 * VIN checks (ISO 3779): 17 characters, digits and capital letters except I, O, Q.
 * The 9th character is a check digit in North America and China (GB 16735); other
 * markets may use it freely, so a failed check digit is flagged, not refused.
 */
const VIN_RE = /^[A-HJ-NPR-Z0-9]{17}$/;

const TRANSLITERATION: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export function normalizeVin(vin: string): string {
  return vin.trim().toUpperCase();
}

export function isWellFormedVin(vin: string): boolean {
  return VIN_RE.test(vin);
}

export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i];
    const value = c >= '0' && c <= '9' ? Number(c) : TRANSLITERATION[c];
    sum += value * WEIGHTS[i];
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function hasValidCheckDigit(vin: string): boolean {
  return isWellFormedVin(vin) && vin[8] === vinCheckDigit(vin);
}
