import type { ComplaintState } from './complaint.state';
import { ComplaintErrors } from './complaint.errors';

/** The customer answers a proposed solution once: it must exist and still be pending. */
export function assertAwaitsAnswer(state: ComplaintState, solutionNo: number): void {
  const solution = state.solutions.find((s) => s.solutionNo === solutionNo);
  if (!solution) throw ComplaintErrors.noSuchSolution(solutionNo);
  if (solution.status !== 'pending') throw ComplaintErrors.solutionNotPending(solutionNo, solution.status);
}
