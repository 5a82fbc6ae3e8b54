import type { ComplaintStatus } from '../../domain/complaint.state';
import { ComplaintStatusChange, OPEN_END } from './complaint-details.document';

export interface StatusSpan {
  status: ComplaintStatus;
  from: string;
  until: string;
}

/**
 * The periods a complaint spent in each status, as [from, until) business-time
 * intervals: each entry of the status history holds until the next one begins,
 * the last until OPEN_END. A status left at the instant it was entered (two steps
 * dated alike) held at no instant and is left out. Computed once per change, so
 * "which complaints had status S at T" is an index range (`from <= T < until`).
 */
export function statusSpans(history: readonly ComplaintStatusChange[]): StatusSpan[] {
  const spans: StatusSpan[] = [];
  history.forEach((change, i) => {
    const until = history[i + 1]?.at ?? OPEN_END;
    if (change.at < until) spans.push({ status: change.status, from: change.at, until });
  });
  return spans;
}

/** The status at `asOf`: that of the last change dated at or before it; null before intake. */
export function statusAt(history: readonly ComplaintStatusChange[], asOf: string): ComplaintStatus | null {
  let status: ComplaintStatus | null = null;
  for (const change of history) {
    if (change.at > asOf) break;
    status = change.status;
  }
  return status;
}
