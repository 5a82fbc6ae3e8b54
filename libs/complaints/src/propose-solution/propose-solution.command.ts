import type { SolutionProposed } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface ProposeSolution extends ComplaintStep {
  description: string;
  compensationAmount: number | null;
}

/**
 * DOMAIN.md lifecycle `investigating → solution_proposed`, and after a rejection a
 * new solution; a reopened complaint keeps its root cause and may get one at once.
 * Solutions are numbered 1, 2, … per complaint; one awaits an answer at a time.
 */
export function decideProposeSolution(command: ProposeSolution, state: ComplaintState): SolutionProposed[] {
  openStep('proposeSolution', command, state);
  switch (state.status) {
    case 'received':
      throw ComplaintErrors.notAcknowledged();
    case 'acknowledged':
      throw ComplaintErrors.notInvestigated();
    case 'solution_proposed':
      throw ComplaintErrors.solutionPending(state.solutions[state.solutions.length - 1].solutionNo);
    case 'accepted':
      throw ComplaintErrors.solutionAccepted();
    case 'resolved':
      throw ComplaintErrors.alreadyResolved();
    default:
      break;
  }
  if (command.compensationAmount !== null && !(Number.isFinite(command.compensationAmount) && command.compensationAmount >= 0)) {
    throw ComplaintErrors.invalidAmount();
  }
  assertDatedInOrder(command, state);
  return [
    {
      type: 'SolutionProposed',
      data: {
        complaintId: command.complaintId,
        solutionNo: state.solutions.length + 1,
        description: command.description,
        compensationAmount: command.compensationAmount,
      },
    },
  ];
}
