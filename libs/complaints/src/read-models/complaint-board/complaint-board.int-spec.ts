import type { Actor } from '@aftercare/kernel';
import { actors } from '../../testing/complaint-history.fixture';
import { ComplaintsTestBed, openComplaintsTestBed, principalOf } from '../../testing/complaints-test-bed.fixture';
import { ReceiveComplaintCommand, ReceiveComplaintHandler, ReceiveComplaintInput } from '../../receive-complaint/receive-complaint.handler';
import { AcknowledgeComplaintCommand, AcknowledgeComplaintHandler } from '../../acknowledge-complaint/acknowledge-complaint.handler';
import { InvestigateComplaintCommand, InvestigateComplaintHandler } from '../../investigate-complaint/investigate-complaint.handler';
import { ProposeSolutionCommand, ProposeSolutionHandler } from '../../propose-solution/propose-solution.handler';
import { AcceptSolutionCommand, AcceptSolutionHandler } from '../../accept-solution/accept-solution.handler';
import { ResolveComplaintCommand, ResolveComplaintHandler } from '../../resolve-complaint/resolve-complaint.handler';
import { ReopenComplaintCommand, ReopenComplaintHandler } from '../../reopen-complaint/reopen-complaint.handler';
import { ComplaintBoardQuery } from './complaint-board.query';

const HOUR = 3_600_000;

describe('complaint board read model', () => {
  let bed: ComplaintsTestBed;
  let board: ComplaintBoardQuery;

  beforeEach(async () => {
    bed = await openComplaintsTestBed('2026-03-02T09:00:00.000Z');
    board = new ComplaintBoardQuery(bed.readModels, bed.scope, bed.clock);
    await bed.registerCustomer('cust-wang', 'D1');
    await bed.registerCustomer('cust-zhang', 'D2');
  });
  afterEach(() => bed.close());

  const manager = () => bed.ctx(actors.manager);
  const intake = async (over: Partial<ReceiveComplaintInput> = {}, dealerId = 'D1', by: Actor = actors.advisor) =>
    (
      await new ReceiveComplaintHandler(bed.runner, bed.eventStore, bed.clock).execute(
        new ReceiveComplaintCommand(bed.ctx(by), dealerId, {
          customerId: 'cust-wang', channel: 'phone', subject: 'price', description: 'wrong quote', expectedResolution: 'refund', severity: 'normal', ...over,
        }),
      )
    ).id;
  const investigate = async (id: string, rootCause: 'service_process' | 'miscommunication') => {
    await new AcknowledgeComplaintHandler(bed.runner, bed.clock).execute(new AcknowledgeComplaintCommand(manager(), id, { message: 'sorry', replyBy: '2026-03-20T00:00:00.000Z' }));
    await new InvestigateComplaintHandler(bed.runner, bed.clock).execute(new InvestigateComplaintCommand(manager(), id, { rootCause, responsibleParty: 'dealer', findings: 'see report' }));
  };
  /** Proposes, accepts and resolves `hours` after the first intake (the clock moves there). */
  const resolveAfter = async (id: string, hours: number) => {
    bed.clock.set(new Date(Date.parse('2026-03-02T09:00:00.000Z') + hours * HOUR));
    await new ProposeSolutionHandler(bed.runner, bed.clock).execute(new ProposeSolutionCommand(manager(), id, { description: 'discount' }));
    await new AcceptSolutionHandler(bed.runner, bed.clock).execute(new AcceptSolutionCommand(manager(), id, { solutionNo: 1 }));
    await new ResolveComplaintHandler(bed.runner, bed.clock).execute(
new ResolveComplaintCommand(manager(), id, { summary: 'done' }));
  };

  it("counts a dealer's complaints of a period by status, subject, severity and root cause, with the average time to resolve", async () => {
    const a = await intake({ subject: 'price' });
    const b = await intake({ subject: 'repair_quality', severity: 'major' });
    await intake({ subject: 'price', customerId: 'cust-zhang' }, 'D2', actors.otherDealerManager);
    await investigate(a, 'service_process');
    await investigate(b, 'miscommunication');
    await resolveAfter(a, 24);
    await resolveAfter(b, 30);
    await intake({ subject: 'waiting_time' });
    await bed.caughtUp();

    const result = await board.board(principalOf(actors.manager), 'D1', { from: '2026-03-01', to: '2026-03-31' });
    expect(result).toMatchObject({
      dealerId: 'D1',
      received: 3,
      byStatus: { resolved: 2, received: 1 },
      bySubject: { price: 1, repair_quality: 1, waiting_time: 1 },
      bySeverity: { normal: 2, major: 1 },
      byRootCause: { service_process: 1, miscommunication: 1 },
      resolved: 2,
      averageHoursToResolve: 27,
    });
  });

  it('counts only complaints taken in the period, and those overdue now', async () => {
    await intake({ occurredAt: '2026-02-20T09:00:00.000Z' });
    await intake();
    await bed.caughtUp();
    const march = await board.board(principalOf(actors.manager), 'D1', { from: '2026-03-01', to: '2026-03-31' });
    expect(march).toMatchObject({ received: 1, overdue: 0 });
    const february = await board.board(principalOf(actors.manager), 'D1', { from: '2026-02-01', to: '2026-02-28' });
    expect(february).toMatchObject({ received: 1, overdue: 1 });
  });

  it('takes a reopened complaint out of the resolved count until it is resolved again (R-CP-6)', async () => {
    const a = await intake();
    await investigate(a, 'service_process');
    await resolveAfter(a, 20);
    await new ReopenComplaintHandler(bed.runner, bed.clock).execute(new ReopenComplaintCommand(bed.ctx(actors.agent), a, { reason: 'noise is back' }));
    await bed.caughtUp();
    const result = await board.board(principalOf(actors.manager), 'D1', { from: '2026-03-02', to: '2026-03-02' });
    expect(result).toMatchObject({ received: 1, byStatus: { investigating: 1 }, resolved: 0, averageHoursToResolve: null });
  });

  it("shows a dealer's board only to that dealer's staff and the OEM region", async () => {
    await expect(board.board(principalOf(actors.otherDealerManager), 'D1')).rejects.toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
    const regional = { sub: 'rsm', role: 'regional_service_manager' as const, dealerId: null, region: 'east', exp: null };
    await expect(board.board(regional, 'D1')).resolves.toMatchObject({ dealerId: 'D1', received: 0 });
  });
});
