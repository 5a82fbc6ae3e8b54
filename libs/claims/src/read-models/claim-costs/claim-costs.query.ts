import { Inject, Injectable } from '@nestjs/common';
import { isOemRole } from '@aftercare/kernel';
import { ReadModels } from '@aftercare/projections';
import { AuthErrors, DEALER_DIRECTORY, DealerDirectory, Principal, RequestValidationError } from '@aftercare/platform';
import { fromCents } from '../../domain/claim-money';
import { CLAIM_COSTS, ClaimCostBucketDoc, CostFigure, CurrencyCosts } from './claim-costs.document';

export interface CostFigureView {
  count: number;
  amount: number;
}

export interface ClaimCostsView {
  region: string;
  month: string;
  dealers: number;
  /** Vehicles delivered by the region's dealers up to the end of the month. */
  vehicles: number;
  costs: {
    currency: string;
    goodwillCompensation: CostFigureView;
    goodwillWarranty: CostFigureView;
    warrantyVisits: CostFigureView;
    /** Warranty-type claim cost of the month (goodwill warranty + warranty visits) per vehicle; never goodwill compensation (R-GC-3). */
    warrantyClaimCost: number;
    perVehicleClaimCost: number | null;
  }[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const EMPTY: CostFigure = { count: 0, amountCents: 0 };

/** Claim costs of a region and month (README "Claim costs"). OEM roles see their own region; admin and auditor any. */
@Injectable()
export class ClaimCostsQuery {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(DEALER_DIRECTORY) private readonly dealers: DealerDirectory,
  ) {}

  async get(caller: Principal, input: { region?: string; month: string }): Promise<ClaimCostsView> {
    if (!MONTH.test(input.month)) throw new RequestValidationError([{ field: 'month', message: 'month must be YYYY-MM' }]);
    const region = input.region ?? (isOemRole(caller.role) ? caller.region : null);
    if (!region) throw new RequestValidationError([{ field: 'region', message: 'region is required' }]);
    if (isOemRole(caller.role) && caller.region !== region) throw AuthErrors.outOfScope(`region ${region}`);
    const dealerIds = await this.dealers.dealersInRegion(region);
    const buckets = dealerIds.length
      ? await this.readModels.collection<ClaimCostBucketDoc>(CLAIM_COSTS).find({ dealerId: { $in: dealerIds }, month: { $lte: input.month } })
      : [];
    const vehicles = buckets.reduce((n, b) => n + (b.vehiclesDelivered ?? 0), 0);
    const byCurrency = new Map<string, { goodwillCompensation: CostFigure; goodwillWarranty: CostFigure; warrantyVisits: CostFigure }>();
    for (const bucket of buckets.filter((b) => b.month === input.month)) {
      for (const [currency, costs] of Object.entries(bucket.costs ?? {})) {
        const sum = byCurrency.get(currency) ?? { goodwillCompensation: EMPTY, goodwillWarranty: EMPTY, warrantyVisits: EMPTY };
        for (const kind of ['goodwillCompensation', 'goodwillWarranty', 'warrantyVisits'] as (keyof CurrencyCosts)[]) {
          const add = costs[kind] ?? EMPTY;
          sum[kind] = { count: sum[kind].count + (add.count ?? 0), amountCents: sum[kind].amountCents + (add.amountCents ?? 0) };
        }
        byCurrency.set(currency, sum);
      }
    }
    const view = (f: CostFigure): CostFigureView => ({ count: f.count, amount: fromCents(f.amountCents) });
    const costs = [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, sum]) => {
        // R-GC-3: goodwill compensation is left out of the per-vehicle claim cost.
        const warrantyCents = sum.goodwillWarranty.amountCents + sum.warrantyVisits.amountCents;
        return {
          currency,
          goodwillCompensation: view(sum.goodwillCompensation),
          goodwillWarranty: view(sum.goodwillWarranty),
          warrantyVisits: view(sum.warrantyVisits),
          warrantyClaimCost: fromCents(warrantyCents),
          perVehicleClaimCost: vehicles ? Math.round(warrantyCents / vehicles) / 100 : null,
        };
      });
    return { region, month: input.month, dealers: dealerIds.length, vehicles, costs };
  }
}
