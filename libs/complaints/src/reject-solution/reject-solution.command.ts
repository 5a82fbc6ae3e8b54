import type { SolutionRejected } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { assertAwaitsAnswer } from '../domain/customer-answer.rule';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface RejectSolution extends ComplaintStep {
  solutionNo: number;
  reason: string;
}

/** Records the customer's refusal and why; a new solution may then be proposed. */
export function decideRejectSolution(command: RejectSolution, state: ComplaintState): SolutionRejected[] {
  openStep('recordCustomerAnswer', command, state);
  assertAwaitsAnswer(state, command.solutionNo);
  assertDatedInOrder(command, state);
  return [{ type: 'SolutionRejected', data: { complaintId: command.complaintId, solutionNo: command.solutionNo, reason: command.reason } }];
}
