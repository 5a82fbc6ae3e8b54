import { Injectable } from '@nestjs/common';
import { ReadModels } from '@aftercare/projections';
import { Principal, ScopeService } from '@aftercare/platform';
import type { Filter } from '@aftercare/read-store';
import { CALLBACK_REPORT_DAYS, CallbackReportDayDoc, REPORT_COUNTERS, ReportCounter } from './callback-report.counters';
import { rate, reportDays } from './report-period';

export type CallbackRates = Record<ReportCounter, number> & {
  dealerId: string | null;
  agentId: string | null;
  callbackRate: number | null;
  satisfactionRate: number | null;
  complaintRate: number | null;
};

export interface CallbackReport extends CallbackRates {
  from: string;
  to: string;
  byDealer: CallbackRates[];
  byAgent: CallbackRates[];
}

/**
 * R-CB-13: callback rate, satisfaction rate and complaint rate of the callbacks
 * due in a period (whole UTC days), per dealer and per agent. Definitions in
 * libs/callbacks/README.md.
 */
@Injectable()
export class CallbackReportQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
  ) {}

  async report(caller: Principal, query: { dealerId?: string; from: string; to: string }): Promise<CallbackReport> {
    const { from, to } = reportDays(query.from, query.to);
    const filter: Filter = { day: { $gte: from, $lte: to } };
    if (query.dealerId) {
      await this.scope.assertCanRead(caller, query.dealerId);
      filter.dealerId = query.dealerId;
    } else {
      const scope = await this.scope.readableDealers(caller);
      if (!scope.all) filter.dealerId = { $in: scope.dealerIds };
    }
    const days = await this.readModels.collection<CallbackReportDayDoc>(CALLBACK_REPORT_DAYS).find(filter);
    const total = blank(query.dealerId ?? null, null);
    const byDealer = new Map<string, CallbackRates>();
    const byAgent = new Map<string, CallbackRates>();
    for (const d of days) {
      add(total, d);
      add(getOr(byDealer, d.dealerId, () => blank(d.dealerId, null)), d);
      add(getOr(byAgent, `${d.dealerId}|${d.agentId}`, () => blank(d.dealerId, d.agentId || null)), d);
    }
    const order = (a: CallbackRates, b: CallbackRates) => (a.dealerId ?? '').localeCompare(b.dealerId ?? '') || (a.agentId ?? '').localeCompare(b.agentId ?? '');
    return {
      from,
      to,
      ...withRates(total),
      byDealer: [...byDealer.values()].map(withRates).sort(order),
      byAgent: [...byAgent.values()].map(withRates).sort(order),
    };
  }
}

function blank(dealerId: string | null, agentId: string | null): CallbackRates {
  return {
    dealerId, agentId, due: 0, done: 0, reached: 0, rated: 0, satisfied: 0, complaints: 0, callbackRate: null, satisfactionRate: null, complaintRate: null,
  };
}

function add(target: CallbackRates, day: CallbackReportDayDoc): void {
  for (const k of REPORT_COUNTERS) target[k] += day[k] ?? 0;
}

/** callbackRate = done / due; satisfactionRate = satisfied / rated; complaintRate = complaints / reached. */
function withRates(r: CallbackRates): CallbackRates {
  return { ...r, callbackRate: rate(r.done, r.due), satisfactionRate: rate(r.satisfied, r.rated), complaintRate: rate(r.complaints, r.reached) };
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}
