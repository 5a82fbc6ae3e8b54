import { DomainError, MS_PER_DAY } from '@aftercare/kernel';

/** The longest period one report covers. */
export const MAX_REPORT_DAYS = 3 * 366;

/** Whole UTC days `from`–`to` (inclusive), from dates or instants; refuses a reversed or over-long period. */
export function reportDays(from: string, to: string): { from: string; to: string } {
  const f = parseDay(from, 'from');
  const t = parseDay(to, 'to');
  if (f > t) throw DomainError.invalid('REPORT.INVALID_PERIOD', 'from must not be after to', [{ field: 'from', message: 'must not be after to' }]);
  if ((Date.parse(t) - Date.parse(f)) / MS_PER_DAY > MAX_REPORT_DAYS) {
    throw DomainError.invalid('REPORT.INVALID_PERIOD', `a report covers at most ${MAX_REPORT_DAYS} days`, [{ field: 'to', message: 'period too long' }]);
  }
  return { from: f, to: t };
}

function parseDay(value: string, field: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw DomainError.invalid('REPORT.INVALID_PERIOD', `${field} must be an ISO 8601 date`, [{ field, message: 'must be an ISO 8601 date' }]);
  return new Date(t).toISOString().slice(0, 10);
}

/** Rounded ratio, null when nothing was counted. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}
