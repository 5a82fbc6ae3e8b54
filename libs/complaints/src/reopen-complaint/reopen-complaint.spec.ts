import type { Actor } from '@aftercare/kernel';
import { actors, by, complaintSpec, events, histories } from '../testing/complaint-history.fixture';
import type { ComplaintEvent } from '../domain/complaint.events';
import { COMPLAINT_STATUSES, ComplaintState, evolveComplaint, initialComplaintState } from '../domain/complaint.state';
import { decideAcknowledgeComplaint } from '../acknowledge-complaint/acknowledge-complaint.command';
import { decideSendInterimReply } from '../send-interim-reply/send-interim-reply.command';
import { decideEscalateComplaint } from '../escalate-complaint/escalate-complaint.command';
import { decideAssignComplaint } from '../assign-complaint/assign-complaint.command';
import { decideInvestigateComplaint } from '../investigate-complaint/investigate-complaint.command';
import { decideProposeSolution } from '../propose-solution/propose-solution.command';
import { decideAcceptSolution } from '../accept-solution/accept-solution.command';
import { decideRejectSolution } from '../reject-solution/reject-solution.command';
import { decideResolveComplaint } from '../resolve-complaint/resolve-complaint.command';
import { decideCloseComplaint } from '../close-complaint/close-complaint.command';
import { decideReopenComplaint, ReopenComplaint } from './reopen-complaint.command';

const spec = complaintSpec(decideReopenComplaint);
const reopen = (over: Partial<ReopenComplaint> = {}): ReopenComplaint => ({
  ...by(actors.agent, '2026-03-09T09:00:00.000Z'),
  reason: 'at the follow-up call the customer says the noise is back',
  ...over,
});

describe('reopening a complaint (R-CP-6)', () => {
  it('reopens a closed complaint whose customer is still dissatisfied (R-CP-6)', () => {
    spec.given(histories.closed()).when(reopen()).then([
      { type: 'ComplaintReopened', data: { complaintId: 'cp-1', reason: 'at the follow-up call the customer says the noise is back', reopenedAt: '2026-03-09T09:00:00.000Z' } },
    ]);
  });

  it('reopens a resolved complaint before it is closed (R-CP-6)', () => {
    spec.given(histories.resolved()).when(reopen()).then((produced) => expect(produced).toHaveLength(1));
  });

  it('reopens only a resolved or closed complaint, so not one already reopened and investigating again (R-CP-6)', () => {
    for (const history of [histories.received(), histories.investigating(), histories.accepted(), histories.reopened()]) {
      spec.given(history).when(reopen()).thenThrows('COMPLAINT.NOT_REOPENABLE');
    }
  });

  it('lets the callback agent who made the follow-up call or the manager reopen it, not a service advisor (R-CP-6)', () => {
    spec.given(histories.closed()).when(reopen(by(actors.manager, '2026-03-09T09:00:00.000Z'))).then((produced) => expect(produced).toHaveLength(1));
    spec.given(histories.closed()).when(reopen(by(actors.advisor, '2026-03-09T09:00:00.000Z'))).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });
});

describe('a reopened complaint is investigating again (R-CP-6)', () => {
  const fold = (history: ComplaintEvent[]) => history.reduce(evolveComplaint, initialComplaintState());
  const outcome = <C>(decide: (command: C, state: ComplaintState) => ComplaintEvent[], command: C, history: ComplaintEvent[]): string => {
    try {
      return decide(command, fold(history)).map((e) => e.type).join(',');
    } catch (error) {
      return (error as { code: string }).code;
    }
  };
  const step = (actor: Actor) => by(actor, '2026-03-10T09:00:00.000Z');
  // The same solutions behind it (solution 1 answered), differing only in how it came back to investigating.
  const investigatingAgain = (): ComplaintEvent[] => [...histories.rejected(), events.investigated()];

  it('goes from closed (or resolved) back to investigating, counting its deadlines from the reopening (R-CP-6)', () => {
    for (const before of [histories.closed(), histories.resolved()]) {
      const state = fold([...before, events.reopened('2026-03-09T09:00:00.000Z')]);
      expect(state).toMatchObject({ status: 'investigating', openSince: '2026-03-09T09:00:00.000Z', resolvedAt: null });
    }
    expect(COMPLAINT_STATUSES).not.toContain('reopened');
  });

  it('takes exactly the steps an investigating complaint takes (R-CP-6)', () => {
    const cases: [string, (history: ComplaintEvent[]) => string][] = [
      ['acknowledge', (h) => outcome(decideAcknowledgeComplaint, { ...step(actors.manager), message: 'sorry', replyBy: '2026-03-12T09:00:00.000Z' }, h)],
      ['interim reply', (h) => outcome(decideSendInterimReply, { ...step(actors.agent), message: 'checking again' }, h)],
      ['escalate', (h) => outcome(decideEscalateComplaint, { ...step(actors.manager), reason: 'noise is back' }, h)],
      ['assign', (h) => outcome(decideAssignComplaint, { ...step(actors.supervisor), assigneeId: 'tech-chen', deadline: '2026-03-12T09:00:00.000Z' }, h)],
      ['investigate', (h) => outcome(decideInvestigateComplaint, { ...step(actors.manager), rootCause: 'product_quality', responsibleParty: 'oem', findings: 'blower defect' }, h)],
      ['propose', (h) => outcome(decideProposeSolution, { ...step(actors.manager), description: 'replace the blower', compensationAmount: null }, h)],
      ['accept 1', (h) => outcome(decideAcceptSolution, { ...step(actors.advisor), solutionNo: 1 }, h)],
      ['reject 1', (h) => outcome(decideRejectSolution, { ...step(actors.advisor), solutionNo: 1, reason: 'no' }, h)],
      ['resolve', (h) => outcome(decideResolveComplaint, { ...step(actors.manager), summary: 'done' }, h)],
      ['close', (h) => outcome(decideCloseComplaint, step(actors.manager), h)],
      ['reopen', (h) => outcome(decideReopenComplaint, { ...step(actors.agent), reason: 'again' }, h)],
    ];
    const table = (history: () => ComplaintEvent[]) => Object.fromEntries(cases.map(([name, run]) => [name, run(history())]));
    expect(table(histories.reopened)).toEqual(table(investigatingAgain));
    expect(table(histories.reopened)).toMatchObject({
      acknowledge: 'COMPLAINT.ALREADY_ACKNOWLEDGED',
      investigate: 'ComplaintInvestigated',
      propose: 'SolutionProposed',
      resolve: 'COMPLAINT.NOT_ACCEPTED',
      close: 'COMPLAINT.NOT_RESOLVED',
      reopen: 'COMPLAINT.NOT_REOPENABLE',
    });
  });
});
