import { createHash } from 'crypto';

/**
 * The club card number: `AC` + 11 digits derived from the member id + a Luhn check
 * digit, so a mistyped card is caught at the counter. Derived, not drawn: a
 * re-enrolment (one membership per customer) gets the same card back.
 */
export function cardNumberFor(memberId: string): string {
  const hash = createHash('sha256').update(`card\u001f${memberId}`).digest();
  let digits = '';
  for (let i = 0; digits.length < 11; i++) digits += String(hash[i] % 10);
  return `AC${digits}${luhnDigit(digits)}`;
}

export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidCardNumber(cardNo: string): boolean {
  const m = /^AC(\d{11})(\d)$/.exec(cardNo);
  return !!m && luhnDigit(m[1]) === Number(m[2]);
}
