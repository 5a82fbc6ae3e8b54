import type { LotTaken } from './member.events';
import type { PointsLot } from './member.state';

/** A lot is usable strictly before its expiry instant. */
export const isUsableAt = (lot: PointsLot, at: string) => Date.parse(lot.expiresAt) > Date.parse(at);

/** Points a redemption at `at` may use: the lots not yet expired then, whatever the worker has recorded. */
export function usablePoints(lots: readonly PointsLot[], at: string): number {
  return lots.reduce((sum, lot) => (isUsableAt(lot, at) ? sum + lot.remaining : sum), 0);
}

/** Oldest expiry first (then oldest earning): points about to expire are spent before the others. */
export function fifo(lots: readonly PointsLot[]): PointsLot[] {
  return [...lots].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.earnedAt.localeCompare(b.earnedAt) || a.lotId.localeCompare(b.lotId));
}

/** Which usable lots pay `points` at `at`, oldest first; the caller has checked there are enough. */
export function takeFifo(lots: readonly PointsLot[], points: number, at: string): LotTaken[] {
  const taken: LotTaken[] = [];
  let left = points;
  for (const lot of fifo(lots)) {
    if (left <= 0) break;
    if (!isUsableAt(lot, at)) continue;
    const take = Math.min(lot.remaining, left);
    taken.push({ lotId: lot.lotId, points: take });
    left -= take;
  }
  return taken;
}

/** The lots expired by `at` with points left: what the expiry worker records. */
export function expiredLots(lots: readonly PointsLot[], at: string): PointsLot[] {
  return fifo(lots).filter((lot) => !isUsableAt(lot, at) && lot.remaining > 0);
}
