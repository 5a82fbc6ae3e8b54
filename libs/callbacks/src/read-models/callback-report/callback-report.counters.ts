import type { CallbackDoc } from '../callback-queue/callback-queue.document';

/** `callback_report_days`: R-CB-13 counters per dealer, due day and agent. */
export interface CallbackReportDayDoc {
  _id: string;
  dealerId: string;
  day: string;
  /** '' for callbacks nobody has worked or been routed (the call centre's pool). */
  agentId: string;
  due: number;
  done: number;
  reached: number;
  rated: number;
  satisfied: number;
  complaints: number;
  [key: string]: unknown;
}

export const CALLBACK_REPORT_DAYS = 'callback_report_days';

export const REPORT_COUNTERS = ['due', 'done', 'reached', 'rated', 'satisfied', 'complaints'] as const;
export type ReportCounter = (typeof REPORT_COUNTERS)[number];

/** A score of 4 or 5 (of 5) is "satisfied" (满意). */
export const SATISFIED_AT_LEAST = 4;

export interface Contribution {
  key: string;
  dealerId: string;
  day: string;
  agentId: string;
  counts: Record<ReportCounter, number>;
}

/**
 * What one callback adds to the report (definitions in libs/callbacks/README.md):
 * it is `due` on its due day unless cancelled; `done` once it ended by being
 * worked (reached or unreachable); `reached`; `rated` when reached with a
 * satisfaction score, `satisfied` when that score is 4 or 5; `complaints` when
 * the call found a complaint. It counts for the agent who worked it last, else
 * the one it is routed to, else nobody ('').
 */
export function contributionOf(doc: CallbackDoc | null): Contribution | null {
  if (!doc || doc.status === 'cancelled') return null;
  const lastAttempt = doc.attempts.length ? doc.attempts[doc.attempts.length - 1] : null;
  const agentId = doc.outcome?.agentId ?? lastAttempt?.agentId ?? doc.assigneeId ?? '';
  const done = doc.status === 'done' || doc.status === 'unreachable';
  const reached = doc.status === 'done';
  const satisfaction = doc.outcome?.satisfaction ?? null;
  const rated = reached && satisfaction !== null;
  return {
    key: `${doc.dealerId}|${doc.dueDay}|${agentId}`,
    dealerId: doc.dealerId,
    day: doc.dueDay,
    agentId,
    counts: {
      due: 1,
      done: done ? 1 : 0,
      reached: reached ? 1 : 0,
      rated: rated ? 1 : 0,
      satisfied: rated && satisfaction! >= SATISFIED_AT_LEAST ? 1 : 0,
      complaints: reached && doc.outcome?.feedback === 'complaint' ? 1 : 0,
    },
  };
}

/** The counter changes turning `before` into `after`, per counter document. */
export function contributionDelta(before: Contribution | null, after: Contribution | null): Map<string, { c: Contribution; inc: Record<string, number> }> {
  const deltas = new Map<string, { c: Contribution; inc: Record<string, number> }>();
  const apply = (c: Contribution | null, sign: 1 | -1) => {
    if (!c) return;
    let d = deltas.get(c.key);
    if (!d) deltas.set(c.key, (d = { c, inc: {} }));
    for (const k of REPORT_COUNTERS) if (c.counts[k]) d.inc[k] = (d.inc[k] ?? 0) + sign * c.counts[k];
  };
  apply(before, -1);
  apply(after, 1);
  for (const [key, d] of deltas) {
    for (const k of Object.keys(d.inc)) if (d.inc[k] === 0) delete d.inc[k];
    if (Object.keys(d.inc).length === 0) deltas.delete(key);
  }
  return deltas;
}
