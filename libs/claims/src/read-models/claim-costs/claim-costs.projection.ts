import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, ProjectionContext } from '@aftercare/projections';
import type { VehicleRegistered, VisitRecorded } from '@aftercare/customers';
import type { ClaimSettled } from '../../domain/claim.events';
import { toCents, DEFAULT_CURRENCY } from '../../domain/claim-money';
import { CLAIM_COSTS, ClaimCostBucketDoc, CurrencyCosts } from './claim-costs.document';

const monthOf = (iso: string) => iso.slice(0, 7);

async function add(ctx: ProjectionContext, dealerId: string, month: string, inc: Record<string, number>): Promise<void> {
  const id = `${dealerId}:${month}`;
  await ctx.collection<ClaimCostBucketDoc>(CLAIM_COSTS).updateOne({ _id: id }, { $setOnInsert: { dealerId, month }, $inc: inc }, { upsert: true });
}

function figure(currency: string, kind: keyof CurrencyCosts, amount: number): Record<string, number> {
  return { [`costs.${currency}.${kind}.count`]: 1, [`costs.${currency}.${kind}.amountCents`]: toCents(amount) };
}

/**
 * `claim-costs`: what claims cost, per dealer and month, and the vehicles the
 * dealers delivered, for the region's per-vehicle claim cost (README "Claim costs").
 * - ClaimSettled: goodwill compensation and goodwill warranty, in the month settled;
 *   the event says whether it counts (R-GC-3: goodwill compensation never does).
 * - VisitRecorded of type `warranty`: the warranty repairs of the customer file, in
 *   the month of the visit (amounts of the customer file are yuan).
 * - VehicleRegistered: one vehicle in the month of its delivery.
 * Regions are applied at query time from the dealers registry, so a dealer
 * registered after its first vehicles still counts in its region.
 */
export const claimCostsProjection = defineProjection({
  name: 'claim-costs',
  version: 1,
  collections: {
    [CLAIM_COSTS]: [{ fields: { dealerId: 1, month: 1 } }],
  },
  handlers: {
    ClaimSettled: async (event: RecordedEvent, ctx) => {
      const d = (event as unknown as ClaimSettled).data;
      await add(ctx, d.dealerId, monthOf(d.at), figure(d.currency, d.type === 'goodwill_compensation' ? 'goodwillCompensation' : 'goodwillWarranty', d.amount));
    },
    VisitRecorded: async (event: RecordedEvent, ctx) => {
      const d = (event as unknown as VisitRecorded).data;
      if (d.type !== 'warranty') return;
      await add(ctx, d.dealerId, monthOf(d.occurredAt), figure(DEFAULT_CURRENCY, 'warrantyVisits', d.amount));
    },
    VehicleRegistered: async (event: RecordedEvent, ctx) => {
      const d = (event as unknown as VehicleRegistered).data;
      await add(ctx, d.dealerId, monthOf(new Date(d.deliveredAt).toISOString()), { vehiclesDelivered: 1 });
    },
  },
});
