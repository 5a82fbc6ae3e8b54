import { CSI_FACTORS, CsiScores } from '../../domain/csi';
import type { FeedbackKind } from '../../domain/callback.events';

/** `csi_months`: the satisfaction index's sums per dealer, advisor and month (of the call). */
export interface CsiMonthDoc {
  _id: string;
  dealerId: string;
  /** '' when the call is about no known advisor. */
  advisorId: string;
  month: string;
  /** Calls that scored at least one CSI factor. */
  responses: number;
  factorSums: Record<string, number>;
  factorCounts: Record<string, number>;
  satisfactionSum: number;
  satisfactionCount: number;
  /** Feedback kinds of reached calls; praise is R-CP-7's credit. */
  praise: number;
  criticism: number;
  suggestion: number;
  complaint: number;
  [key: string]: unknown;
}

export const CSI_MONTHS = 'csi_months';

export const monthOf = (iso: string) => iso.slice(0, 7);

/** The `$inc` a reached call adds to its advisor's month. */
export function csiIncrement(outcome: { csi: CsiScores | null; satisfaction: number | null; feedback: FeedbackKind | null }): Record<string, number> {
  const inc: Record<string, number> = {};
  let scored = false;
  for (const factor of CSI_FACTORS) {
    const score = outcome.csi?.[factor];
    if (typeof score !== 'number') continue;
    inc[`factorSums.${factor}`] = score;
    inc[`factorCounts.${factor}`] = 1;
    scored = true;
  }
  if (scored) inc.responses = 1;
  if (outcome.satisfaction !== null) {
    inc.satisfactionSum = outcome.satisfaction;
    inc.satisfactionCount = 1;
  }
  if (outcome.feedback) inc[outcome.feedback] = 1;
  return inc;
}
