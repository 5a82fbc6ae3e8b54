import { ComplaintInvestigated, RESPONSIBLE_PARTIES, ResponsibleParty, ROOT_CAUSES, RootCause } from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { assertDatedInOrder, ComplaintStep, openStep } from '../domain/complaint.step';

export interface InvestigateComplaint extends ComplaintStep {
  rootCause: RootCause;
  responsibleParty: ResponsibleParty;
  findings: string;
}

/**
 * R-CP-5: the investigation ends with a root cause and a responsible party. It may
 * be recorded again (a rejected solution or a reopening sends the manager back to
 * it), but not while a solution awaits the customer's answer or after acceptance.
 */
export function decideInvestigateComplaint(command: InvestigateComplaint, state: ComplaintState): ComplaintInvestigated[] {
  openStep('investigate', command, state);
  if (!ROOT_CAUSES.includes(command.rootCause)) throw ComplaintErrors.invalidValue('rootCause', ROOT_CAUSES);
  if (!RESPONSIBLE_PARTIES.includes(command.responsibleParty)) throw ComplaintErrors.invalidValue('responsibleParty', RESPONSIBLE_PARTIES);
  switch (state.status) {
    case 'received':
      throw ComplaintErrors.notAcknowledged();
    case 'solution_proposed':
      throw ComplaintErrors.solutionPending(state.solutions[state.solutions.length - 1].solutionNo);
    case 'accepted':
      throw ComplaintErrors.solutionAccepted();
    case 'resolved':
      throw ComplaintErrors.alreadyResolved();
    default:
      break;
  }
  assertDatedInOrder(command, state);
  return [
    {
      type: 'ComplaintInvestigated',
      data: { complaintId: command.complaintId, rootCause: command.rootCause, responsibleParty: command.responsibleParty, findings: command.findings },
    },
  ];
}
