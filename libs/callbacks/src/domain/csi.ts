/**
 * DOMAIN.md "Satisfaction index": J.D. Power style CSI. A callback may score any
 * of the 7 factors from 1 to 10; the index is their weighted mean on a 0–100
 * scale, over the factors that were scored (weights renormalised).
 */
export const CSI_WEIGHTS = {
  customer_friendliness: 16,
  service_initiative: 10,
  service_supervision: 11,
  repair_process_experience: 12,
  product_problems: 21,
  service_quality: 15,
  vehicle_pickup: 15,
} as const;

export type CsiFactor = keyof typeof CSI_WEIGHTS;
export const CSI_FACTORS = Object.keys(CSI_WEIGHTS) as CsiFactor[];
export type CsiScores = Partial<Record<CsiFactor, number>>;

export const CSI_MIN_SCORE = 1;
export const CSI_MAX_SCORE = 10;

/** Weighted CSI (0–100) of factor scores (1–10 each, or their means); null when no factor is scored. */
export function weightedCsi(scores: CsiScores): number | null {
  let weighted = 0;
  let weights = 0;
  for (const factor of CSI_FACTORS) {
    const score = scores[factor];
    if (typeof score !== 'number') continue;
    weighted += CSI_WEIGHTS[factor] * score;
    weights += CSI_WEIGHTS[factor];
  }
  if (weights === 0) return null;
  return Math.round((weighted / weights) * 10 * 100) / 100;
}

export function isCsiFactor(value: string): value is CsiFactor {
  return Object.prototype.hasOwnProperty.call(CSI_WEIGHTS, value);
}
