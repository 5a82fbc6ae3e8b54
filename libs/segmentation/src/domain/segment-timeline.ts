import type { CustomerFacts } from './customer-facts';
import { CustomerSignals, onTimeServiceIds, signalsAsOf, timeTriggers } from './customer-signals';
import type { SegmentRuleSet } from './segment-rule-set';
import { decideSegments } from './segment.rules';
import type { PrimarySegment, Segment } from './segment.events';

/** From this instant the customer holds these memberships, until the next change. */
export interface SegmentChangePoint {
  at: string;
  primary: PrimarySegment;
  segments: Segment[];
  reasons: string[];
  reasonsBySegment: Partial<Record<Segment, string[]>>;
  signals: CustomerSignals;
}

/** One stretch of one membership: [from, to), `to` null while it lasts. */
export interface SegmentInterval {
  segment: Segment;
  from: string;
  to: string | null;
  reasons: string[];
}

export interface SegmentTimeline {
  changes: SegmentChangePoint[];
  intervals: SegmentInterval[];
}

/**
 * R-SG-2: the whole segment history of a customer, derived from the facts alone:
 * the rules are evaluated at every fact and at every instant a time-based signal
 * can turn (a service lapsing after 6 months, a fact leaving the 12-month window),
 * and consecutive equal answers are merged. Times past the last trigger change
 * nothing, so the last change holds for ever (until new facts arrive).
 *
 * `previous`: the timeline before facts changed from `since` on. An answer at an
 * instant depends only on facts up to it, so the changes before `since` stand and
 * only the instants from `since` on are evaluated again: a visit filed late
 * (R-CF-1) re-derives everything after its visit date, a new visit little more
 * than its own future.
 */
export function segmentTimeline(
  facts: CustomerFacts,
  rules: SegmentRuleSet,
  previous?: { changes: readonly SegmentChangePoint[]; since: string },
): SegmentTimeline {
  const changes: SegmentChangePoint[] = previous ? previous.changes.filter((c) => c.at < previous.since) : [];
  const last = changes.at(-1);
  let previousKey = last ? keyOf(last.primary, last.segments) : keyOf('regular', []);
  const onTime = onTimeServiceIds(facts, rules);
  for (const at of timeTriggers(facts, rules)) {
    if (previous && at < previous.since) continue;
    const signals = signalsAsOf(facts, at, rules, onTime);
    const decision = decideSegments(signals, rules);
    const key = keyOf(decision.primary, decision.segments);
    if (key === previousKey) continue;
    previousKey = key;
    changes.push({ at, primary: decision.primary, segments: decision.segments, reasons: decision.reasons, reasonsBySegment: decision.reasonsBySegment, signals });
  }
  return { changes, intervals: intervalsOf(changes) };
}

/** The membership stretches of a list of change points; each keeps the reasons it was entered for. */
export function intervalsOf(changes: readonly SegmentChangePoint[]): SegmentInterval[] {
  const open = new Map<Segment, SegmentInterval>();
  const intervals: SegmentInterval[] = [];
  for (const change of changes) {
    for (const [segment, interval] of open) {
      if (!change.segments.includes(segment)) {
        interval.to = change.at;
        open.delete(segment);
      }
    }
    for (const segment of change.segments) {
      if (open.has(segment)) continue;
      const interval: SegmentInterval = { segment, from: change.at, to: null, reasons: change.reasonsBySegment[segment] ?? [] };
      open.set(segment, interval);
      intervals.push(interval);
    }
  }
  return intervals;
}

/** The change point in force at `asOf` (null: regular, nothing ever decided). */
export function changeAt<T extends { at: string }>(changes: readonly T[], asOf: string): T | null {
  let found: T | null = null;
  for (const c of changes) {
    if (c.at > asOf) break;
    found = c;
  }
  return found;
}

function keyOf(primary: PrimarySegment, segments: readonly Segment[]): string {
  return `${primary}|${segments.join(',')}`;
}
