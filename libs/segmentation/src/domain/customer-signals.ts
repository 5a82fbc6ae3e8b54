import { addDays, addMonths } from '@aftercare/kernel';
import type { CustomerFacts } from './customer-facts';
import type { SegmentRuleSet } from './segment-rule-set';

/**
 * The signals of DOMAIN.md "Segmentation" for one customer as of an instant,
 * from the facts that had happened by then (business time): the same facts and
 * the same instant always give the same signals (R-SG-2).
 */
export interface CustomerSignals {
  /** Last service or repair visit; the latest delivery stands in before the first visit. */
  lastServiceAt: string | null;
  /** Whole months since lastServiceAt (null without either). */
  monthsWithoutService: number | null;
  services: number;
  /** Services within the interval (by date or by distance) after the previous one, or after delivery. */
  onTimeServices: number;
  onTimeShare: number | null;
  /** Services recorded here over the services the vehicles' ages called for, at most 1 (null before any was due). */
  dealerShare: number | null;
  /** Customer-paid spend and visits in the trailing window (free, warranty and insurance-paid work excluded). */
  paidSpend: number;
  paidVisits: number;
  referrals: number;
  avgCallbackScore: number | null;
  /** Appointments the customer booked in the trailing window. */
  proactiveAppointments: number;
  /** Booked appointments missed in the trailing window, and those missed with an excuse. */
  missedServices: number;
  noShowExcuses: number;
  purchases: number;
  purchaseAmount: number;
  /** R-CF-2 flags set by then, comma-separated kinds (null when none). */
  sensitiveFlags: string | null;
  /** The service advisor of most visits (ties: the most recent of them). */
  advisorId: string | null;
}

export function wholeMonthsBetween(from: string, to: string): number {
  const a = new Date(from);
  const b = new Date(to);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (addMonths(from, months) > to) months--;
  return Math.max(0, months);
}

/**
 * Whether each service came on time after the previous service of its vehicle (or
 * its delivery), by date or by distance: a property of the facts, not of the
 * as-of instant, so a timeline computes it once.
 */
export function onTimeServiceIds(facts: CustomerFacts, rules: SegmentRuleSet): Set<string> {
  const onTime = new Set<string>();
  const previous = new Map<string, { at: string; km: number }>();
  for (const v of facts.vehicles) previous.set(v.vin, { at: v.deliveredAt, km: 0 });
  for (const s of facts.visits) {
    if (!rules.serviceTypes.includes(s.type)) continue;
    const before = previous.get(s.vin);
    if (before && before.at <= s.at) {
      const byDate = s.at <= addDays(addMonths(before.at, rules.serviceIntervalMonths), rules.serviceGraceDays);
      const byDistance = s.odometerKm - before.km <= rules.serviceIntervalKm;
      if (byDate || byDistance) onTime.add(s.visitId);
    }
    previous.set(s.vin, { at: s.at, km: s.odometerKm });
  }
  return onTime;
}

export function signalsAsOf(facts: CustomerFacts, asOf: string, rules: SegmentRuleSet, onTime: Set<string> = onTimeServiceIds(facts, rules)): CustomerSignals {
  const windowStart = addMonths(asOf, -rules.windowMonths);
  const inWindow = (at: string) => at > windowStart && at <= asOf;
  const visits = facts.visits.filter((v) => v.at <= asOf);
  const vehicles = facts.vehicles.filter((v) => v.deliveredAt <= asOf || v.purchaseDate <= asOf);

  let lastServiceAt: string | null = null;
  for (const v of visits) if (rules.serviceOrRepairTypes.includes(v.type) && (lastServiceAt === null || v.at > lastServiceAt)) lastServiceAt = v.at;
  if (lastServiceAt === null) for (const v of vehicles) if (v.deliveredAt <= asOf && (lastServiceAt === null || v.deliveredAt > lastServiceAt)) lastServiceAt = v.deliveredAt;

  const services = visits.filter((v) => rules.serviceTypes.includes(v.type));
  let onTimeServices = 0;
  for (const s of services) if (onTime.has(s.visitId)) onTimeServices++;

  let servicesDue = 0;
  for (const v of vehicles) if (v.deliveredAt <= asOf) servicesDue += Math.floor(wholeMonthsBetween(v.deliveredAt, asOf) / rules.serviceIntervalMonths);

  const paid = visits.filter((v) => v.customerPaid && inWindow(v.at));
  const scores = facts.callbackScores.filter((c) => c.at <= asOf);
  const missed = facts.appointments.filter((a) => a.status === 'missed' && a.settledAt !== null && inWindow(a.settledAt));
  const bought = vehicles.filter((v) => v.purchaseDate <= asOf);
  const flags = [...new Set(facts.sensitiveFlags.filter((f) => f.at <= asOf).map((f) => f.kind))].sort();

  return {
    lastServiceAt,
    monthsWithoutService: lastServiceAt === null ? null : wholeMonthsBetween(lastServiceAt, asOf),
    services: services.length,
    onTimeServices,
    onTimeShare: services.length === 0 ? null : round(onTimeServices / services.length),
    dealerShare: servicesDue === 0 ? null : round(Math.min(1, services.length / servicesDue)),
    paidSpend: round(paid.reduce((sum, v) => sum + v.amount, 0)),
    paidVisits: paid.length,
    referrals: facts.referrals.filter((r) => r.at <= asOf).length,
    avgCallbackScore: scores.length === 0 ? null : round(scores.reduce((sum, c) => sum + c.satisfaction, 0) / scores.length),
    proactiveAppointments: facts.appointments.filter((a) => inWindow(a.bookedAt)).length,
    missedServices: missed.length,
    noShowExcuses: missed.filter((a) => a.excuse !== null && a.excuse.trim() !== '').length,
    purchases: bought.length,
    purchaseAmount: round(bought.reduce((sum, v) => sum + (v.price ?? 0), 0)),
    sensitiveFlags: flags.length ? flags.join(',') : null,
    advisorId: usualAdvisor(visits),
  };
}

function usualAdvisor(visits: CustomerFacts['visits']): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const v of visits) {
    const n = (counts.get(v.advisorId) ?? 0) + 1;
    counts.set(v.advisorId, n);
    if (best === null || n >= (counts.get(best) ?? 0)) best = v.advisorId;
  }
  return best;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Instants after which some signal may change with no new fact: a window's end
 * for each windowed fact, the lapse of each service, the next service falling
 * due per vehicle. The timeline is evaluated at these and at every fact.
 */
export function timeTriggers(facts: CustomerFacts, rules: SegmentRuleSet): string[] {
  const out: string[] = [];
  const lapse = rules.churned.monthsWithoutService;
  for (const v of facts.visits) {
    out.push(v.at);
    out.push(addMonths(v.at, lapse));
    out.push(addMonths(v.at, rules.windowMonths));
  }
  let horizon = '';
  for (const v of facts.vehicles) {
    out.push(v.deliveredAt, v.purchaseDate, addMonths(v.deliveredAt, lapse));
    if (v.deliveredAt > horizon) horizon = v.deliveredAt;
  }
  for (const a of facts.appointments) {
    out.push(a.bookedAt, addMonths(a.bookedAt, rules.windowMonths));
    if (a.settledAt) out.push(a.settledAt, addMonths(a.settledAt, rules.windowMonths));
  }
  for (const r of facts.referrals) out.push(r.at);
  for (const c of facts.callbackScores) out.push(c.at);
  for (const f of facts.sensitiveFlags) out.push(f.at);
  for (const at of out) if (at > horizon) horizon = at;
  // Services falling due change the dealer share until every windowed fact has expired.
  for (const v of facts.vehicles) {
    for (let k = 1; ; k++) {
      const due = addMonths(v.deliveredAt, k * rules.serviceIntervalMonths);
      if (due > horizon) break;
      out.push(due);
    }
  }
  return [...new Set(out)].sort();
}
