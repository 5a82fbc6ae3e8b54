import { Injectable } from '@nestjs/common';
import { ReadModels } from '@aftercare/projections';
import { Principal, ScopeService } from '@aftercare/platform';
import type { Filter } from '@aftercare/read-store';
import { CSI_FACTORS, CsiFactor, weightedCsi } from '../../domain/csi';
import { CSI_MONTHS, CsiMonthDoc } from './csi-report.counters';
import { reportDays } from '../callback-report/report-period';

/** Employee service score (seed 002): 100 points, plus praise, minus criticism. */
export const SERVICE_SCORE_BASE = 100;

export interface CsiRow {
  dealerId: string | null;
  advisorId: string | null;
  month: string | null;
  responses: number;
  csi: number | null;
  factors: Record<CsiFactor, number | null>;
  satisfaction: number | null;
  praise: number;
  criticism: number;
  suggestion: number;
  complaint: number;
  serviceScore: number;
}

export interface CsiReport extends CsiRow {
  from: string;
  to: string;
  /** Per dealer, advisor and month. */
  rows: CsiRow[];
  /** Per dealer and advisor over the whole period (the advisor report, R-CP-7 praise included). */
  advisors: CsiRow[];
}

/** DOMAIN.md "Satisfaction index": weighted CSI per dealer, advisor and month (of the call). */
@Injectable()
export class CsiReportQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
  ) {}

  async report(caller: Principal, query: { dealerId?: string; advisorId?: string; from: string; to: string }): Promise<CsiReport> {
    const { from, to } = reportDays(query.from, query.to);
    const filter: Filter = { month: { $gte: from.slice(0, 7), $lte: to.slice(0, 7) } };
    if (query.dealerId) {
      await this.scope.assertCanRead(caller, query.dealerId);
      filter.dealerId = query.dealerId;
    } else {
      const scope = await this.scope.readableDealers(caller);
      if (!scope.all) filter.dealerId = { $in: scope.dealerIds };
    }
    if (query.advisorId) filter.advisorId = query.advisorId;
    const months = await this.readModels.collection<CsiMonthDoc>(CSI_MONTHS).find(filter, { sort: { dealerId: 1, advisorId: 1, month: 1 } });
    const total = new Sums();
    const advisors = new Map<string, Sums>();
    for (const m of months) {
      total.add(m);
      let a = advisors.get(`${m.dealerId}|${m.advisorId}`);
      if (!a) advisors.set(`${m.dealerId}|${m.advisorId}`, (a = new Sums()));
      a.add(m);
    }
    return {
      from,
      to,
      ...total.row(query.dealerId ?? null, query.advisorId ?? null, null),
      rows: months.map((m) => new Sums().add(m).row(m.dealerId, m.advisorId || null, m.month)),
      advisors: [...advisors.entries()].map(([key, s]) => {
        const [dealerId, advisorId] = key.split('|');
        return s.row(dealerId, advisorId || null, null);
      }),
    };
  }
}

class Sums {
  private responses = 0;
  private readonly factorSums: Record<string, number> = {};
  private readonly factorCounts: Record<string, number> = {};
  private satisfactionSum = 0;
  private satisfactionCount = 0;
  private readonly feedback = { praise: 0, criticism: 0, suggestion: 0, complaint: 0 };

  add(m: CsiMonthDoc): this {
    this.responses += m.responses ?? 0;
    for (const f of CSI_FACTORS) {
      this.factorSums[f] = (this.factorSums[f] ?? 0) + (m.factorSums?.[f] ?? 0);
      this.factorCounts[f] = (this.factorCounts[f] ?? 0) + (m.factorCounts?.[f] ?? 0);
    }
    this.satisfactionSum += m.satisfactionSum ?? 0;
    this.satisfactionCount += m.satisfactionCount ?? 0;
    for (const k of Object.keys(this.feedback) as (keyof Sums['feedback'])[]) this.feedback[k] += m[k] ?? 0;
    return this;
  }

  /** Each factor's mean score (1–10), then the weighted CSI of the means (0–100). */
  row(dealerId: string | null, advisorId: string | null, month: string | null): CsiRow {
    const factors = {} as Record<CsiFactor, number | null>;
    for (const f of CSI_FACTORS) factors[f] = this.factorCounts[f] ? Math.round((this.factorSums[f] / this.factorCounts[f]) * 100) / 100 : null;
    const means = Object.fromEntries(Object.entries(factors).filter(([, v]) => v !== null)) as Partial<Record<CsiFactor, number>>;
    return {
      dealerId, advisorId, month, responses: this.responses, csi: weightedCsi(means), factors,
      satisfaction: this.satisfactionCount ? Math.round((this.satisfactionSum / this.satisfactionCount) * 100) / 100 : null,
      ...this.feedback,
      serviceScore: SERVICE_SCORE_BASE + this.feedback.praise - this.feedback.criticism,
    };
  }
}
