/**
 * Per dealer and month; GET /claims/costs adds up the dealers of a region (README
 * "Claim costs"). Amounts in cents, so sums stay exact.
 */
export const CLAIM_COSTS = 'claim_costs';

export interface CostFigure {
  count: number;
  amountCents: number;
}

export interface CurrencyCosts {
  /** Settled goodwill compensation (R-GC-3: a parts claim, outside the per-vehicle claim cost). */
  goodwillCompensation: CostFigure;
  /** Settled goodwill warranty claims (a warranty-type claim). */
  goodwillWarranty: CostFigure;
  /** Warranty visits of the customer file (visit type `warranty` 索赔). */
  warrantyVisits: CostFigure;
}

export interface ClaimCostBucketDoc {
  /** `<dealerId>:<YYYY-MM>` */
  _id: string;
  dealerId: string;
  month: string;
  /** Vehicles delivered by this dealer in this month (VehicleRegistered.deliveredAt). */
  vehiclesDelivered: number;
  costs: Record<string, CurrencyCosts>;
  /** The read store's documents are open records. */
  [key: string]: unknown;
}
