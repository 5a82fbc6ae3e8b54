import type { SolutionAccepted } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { assertAwaitsAnswer } from '../domain/customer-answer.rule';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface AcceptSolution extends ComplaintStep {
  solutionNo: number;
}

/** Records that the customer accepted the proposed solution: the complaint may then be resolved. */
export function decideAcceptSolution(command: AcceptSolution, state: ComplaintState): SolutionAccepted[] {
  openStep('recordCustomerAnswer', command, state);
  assertAwaitsAnswer(state, command.solutionNo);
  assertDatedInOrder(command, state);
  return [{ type: 'SolutionAccepted', data: { complaintId: command.complaintId, solutionNo: command.solutionNo } }];
}
