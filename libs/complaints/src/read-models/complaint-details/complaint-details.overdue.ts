import { OVERDUE_KINDS } from '../../domain/complaint.deadlines';
import { ComplaintDeadline, OPEN_END } from './complaint-details.document';

export interface OverdueSpan {
  from: string;
  until: string;
}

/**
 * API.md `overdue`: a deadline of R-CP-1/2/3 is overdue at T when dueAt < T and it
 * was not met by T (metAt null or later than T). So each deadline is overdue on
 * the open interval (dueAt, metAt), and the complaint on their union, computed
 * here once per change so the question "overdue at T?" needs no scan.
 */
export function overdueSpans(deadlines: readonly ComplaintDeadline[]): OverdueSpan[] {
  const intervals = deadlines
    .filter((d) => OVERDUE_KINDS.includes(d.kind))
    .map((d) => ({ from: d.dueAt, until: d.metAt ?? OPEN_END }))
    .filter((s) => s.from < s.until)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: OverdueSpan[] = [];
  for (const s of intervals) {
    const last = merged[merged.length - 1];
    // Open intervals: (a, b) and (b, c) leave b itself not overdue, so only a true overlap merges.
    if (last && s.from < last.until) {
      if (s.until > last.until) last.until = s.until;
    } else {
      merged.push({ ...s });
    }
  }
  return merged;
}

export function isOverdueAt(deadline: ComplaintDeadline, asOf: string): boolean {
  return OVERDUE_KINDS.includes(deadline.kind) && deadline.dueAt < asOf && (deadline.metAt === null || deadline.metAt > asOf);
}
