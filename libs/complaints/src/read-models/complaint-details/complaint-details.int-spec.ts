import { MS_PER_DAY } from '@aftercare/kernel';
import { actors } from '../../testing/complaint-history.fixture';
import { ComplaintsTestBed, openComplaintsTestBed, principalOf } from '../../testing/complaints-test-bed.fixture';
import { ReceiveComplaintCommand, ReceiveComplaintHandler, ReceiveComplaintInput } from '../../receive-complaint/receive-complaint.handler';
import { AcknowledgeComplaintCommand, AcknowledgeComplaintHandler } from '../../acknowledge-complaint/acknowledge-complaint.handler';
import { SendInterimReplyCommand, SendInterimReplyHandler } from '../../send-interim-reply/send-interim-reply.handler';
import { EscalateComplaintCommand, EscalateComplaintHandler } from '../../escalate-complaint/escalate-complaint.handler';
import { InvestigateComplaintCommand, InvestigateComplaintHandler } from '../../investigate-complaint/investigate-complaint.handler';
import { ProposeSolutionCommand, ProposeSolutionHandler } from '../../propose-solution/propose-solution.handler';
import { AcceptSolutionCommand, AcceptSolutionHandler } from '../../accept-solution/accept-solution.handler';
import { ResolveComplaintCommand, ResolveComplaintHandler } from '../../resolve-complaint/resolve-complaint.handler';
import { CloseComplaintCommand, CloseComplaintHandler } from '../../close-complaint/close-complaint.handler';
import { ComplaintDetailsQuery } from './complaint-details.query';
import { COMPLAINT_OVERDUE_SPANS, OPEN_END } from './complaint-details.document';

const VIN = 'LSVAU2180N2183294';
const HOUR = 3_600_000;

describe('complaint details read model', () => {
  let bed: ComplaintsTestBed;
  let query: ComplaintDetailsQuery;

  beforeEach(async () => {
    bed = await openComplaintsTestBed();
    query = new ComplaintDetailsQuery(bed.readModels, bed.scope, bed.eventStore, bed.clock);
    await bed.registerCustomer('cust-wang', 'D1', VIN);
  });
  afterEach(() => bed.close());

  const intake = (over: Partial<ReceiveComplaintInput> = {}, by = actors.advisor) =>
    new ReceiveComplaintHandler(bed.runner, bed.eventStore, bed.clock).execute(
      new ReceiveComplaintCommand(bed.ctx(by), 'D1', {
        customerId: 'cust-wang',
        vin: VIN,
        channel: 'walk_in',
        subject: 'price',
        description: 'After the maintenance the A/C blower is noisy; quoted 200 yuan, now asked 1,000.',
        expectedResolution: 'Pay the quoted 200 yuan',
        severity: 'normal',
        ...over,
      }),
    );

  it('tells the worked case from intake to closure in its timeline, with who and when', async () => {
    const { id } = await intake();
    const step = async (hours: number, run: () => Promise<unknown>) => {
      bed.clock.advance(hours * HOUR);
      await run();
    };
    await step(1, () => new AcknowledgeComplaintHandler(bed.runner, bed.clock).execute(new AcknowledgeComplaintCommand(bed.ctx(actors.manager), id, { message: 'We apologise for the wrong quote', replyBy: '2026-03-03T18:00:00.000Z' })));
    await step(3, () => new SendInterimReplyHandler(bed.runner, bed.clock).execute(new SendInterimReplyCommand(bed.ctx(actors.agent), id, { message: 'We are checking the first diagnosis' })));
    await step(4, () => new InvestigateComplaintHandler(bed.runner, bed.clock).execute(new InvestigateComplaintCommand(bed.ctx(actors.manager), id, { rootCause: 'service_process', responsibleParty: 'dealer', findings: 'incomplete diagnosis, no final check, wrong part quoted' })));
    await step(1, () => new ProposeSolutionHandler(bed.runner, bed.clock).execute(new ProposeSolutionCommand(bed.ctx(actors.manager), id, { description: 'apology, real price list, discounted repair', compensationAmount: 400 })));
    await step(2, () => new AcceptSolutionHandler(bed.runner, bed.clock).execute(new AcceptSolutionCommand(bed.ctx(actors.advisor), id, { solutionNo: 1 })));
    await step(20, () => new ResolveComplaintHandler(bed.runner, bed.clock).execute(new ResolveComplaintCommand(bed.ctx(actors.manager), id, { summary: 'blower replaced at the discounted price' })));
    await step(30, () => new CloseComplaintHandler(bed.runner, bed.clock).execute(new CloseComplaintCommand(bed.ctx(actors.manager), id, {})));
    await bed.caughtUp();

    const view = await query.get(principalOf(actors.manager), id);
    expect(view).toMatchObject({ status: 'closed', rootCause: 'service_process', responsibleParty: 'dealer', revision: 7, overdue: false });
    expect(view.timeline.map((t) => [t.type, t.role])).toEqual([
      ['ComplaintReceived', 'service_advisor'],
      ['ComplaintAcknowledged', 'customer_service_manager'],
      ['InterimReplySent', 'callback_agent'],
      ['ComplaintInvestigated', 'customer_service_manager'],
      ['SolutionProposed', 'customer_service_manager'],
      ['SolutionAccepted', 'service_advisor'],
      ['ComplaintResolved', 'customer_service_manager'],
      ['ComplaintClosed', 'customer_service_manager'],
    ]);
    expect(view.solutions).toEqual([
      expect.objectContaining({ solutionNo: 1, status: 'accepted', compensationAmount: 400, answeredAt: '2026-03-02T20:00:00.000Z' }),
    ]);
    expect(view.deadlines).toEqual([
      { kind: 'interim_reply', rule: 'R-CP-2', dueAt: '2026-03-05T09:00:00.000Z', metAt: '2026-03-02T13:00:00.000Z', overdue: false },
      { kind: 'escalation', rule: 'R-CP-3', dueAt: '2026-03-04T09:00:00.000Z', metAt: '2026-03-03T16:00:00.000Z', overdue: false },
      { kind: 'reply_by', rule: 'R-CP-1', dueAt: '2026-03-03T18:00:00.000Z', metAt: '2026-03-02T13:00:00.000Z', overdue: false },
      { kind: 'follow_up', rule: 'R-CP-6', dueAt: '2026-03-05T16:00:00.000Z', metAt: '2026-03-04T22:00:00.000Z', overdue: false },
    ]);
  });

  it('shows a complaint filed with a back-dated intake as overdue at once (R-CP-2, R-CP-3)', async () => {
    const { id } = await intake({ occurredAt: '2026-02-24T09:00:00.000Z' });
    await bed.caughtUp();
    const now = await query.list(principalOf(actors.manager), { overdue: true, limit: 50 });
    expect(now.items.map((c) => c.id)).toEqual([id]);
    expect(now.items[0].deadlines.filter((d) => d.overdue).map((d) => d.kind).sort()).toEqual(['escalation', 'interim_reply']);
    const beforeDue = await query.list(principalOf(actors.manager), { overdue: true, asOf: '2026-02-25T09:00:00.000Z', limit: 50 });
    expect(beforeDue.items).toEqual([]);
  });

  it('answers "overdue as of T" the same way after later steps have met the deadline (R-CP-2)', async () => {
    const { id } = await intake();
    await new AcknowledgeComplaintHandler(bed.runner, bed.clock).execute(new AcknowledgeComplaintCommand(bed.ctx(actors.manager), id, { message: 'sorry', replyBy: '2026-03-03T09:00:00.000Z' }));
    bed.clock.advance(1.5 * MS_PER_DAY);
    await bed.caughtUp();
    const asOf = '2026-03-03T12:00:00.000Z';
    const first = await query.list(principalOf(actors.manager), { overdue: true, asOf, limit: 50 });
    expect(first.items.map((c) => c.id)).toEqual([id]);
    await new SendInterimReplyHandler(bed.runner, bed.clock).execute(new SendInterimReplyCommand(bed.ctx(actors.agent), id, { message: 'parts ordered' }));
    await bed.caughtUp();
    const again = await query.list(principalOf(actors.manager), { overdue: true, asOf, limit: 50 });
    expect(again.items.map((c) => c.id)).toEqual([id]);
    const later = await query.list(principalOf(actors.manager), { overdue: true, asOf: bed.clock.now().toISOString(), limit: 50 });
    expect(later.items).toEqual([]);
  });

  it('serves the overdue list from an index, not a scan', async () => {
    await intake({ occurredAt: '2026-02-24T09:00:00.000Z' });
    await bed.caughtUp();
    const physical = await bed.readModels.physicalName(COMPLAINT_OVERDUE_SPANS);
    const asOf = bed.clock.now().toISOString();
    const ended = { until: { $gt: asOf, $lt: OPEN_END }, from: { $lt: asOf } };
    const running = { until: OPEN_END, from: { $lt: asOf } };
    for (const filter of [{ dealerId: 'D1', ...ended }, { dealerId: 'D1', ...running }, ended, running, { dealerId: { $in: ['D1', 'D2'] }, ...running }]) {
      const plan = bed.queryStore.explainQueryPlan(physical, filter, { sort: { until: 1, from: 1 }, limit: 50 }).flat().join(' | ');
      expect(plan).toMatch(/^SEARCH \S+ USING INDEX \S+\$(dealerId_1_)?until_1_from_1 \(/);
      expect(plan).not.toMatch(/SCAN|TEMP B-TREE|ANY\(/);
    }
  });

  it('pages through complaints overdue at a past instant, those since answered and those still waiting', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await intake({ occurredAt: `2026-02-2${i}T09:00:00.000Z` })).id);
    // Two of them are answered and escalated now: their overdue periods have ended, after the instant asked about.
    for (const id of ids.slice(0, 2)) {
      await new AcknowledgeComplaintHandler(bed.runner, bed.clock).execute(new AcknowledgeComplaintCommand(bed.ctx(actors.manager), id, { message: 'sorry', replyBy: '2026-03-05T09:00:00.000Z' }));
      await new SendInterimReplyHandler(bed.runner, bed.clock).execute(new SendInterimReplyCommand(bed.ctx(actors.agent), id, { message: 'checking' }));
      await new EscalateComplaintHandler(bed.runner, bed.clock).execute(new EscalateComplaintCommand(bed.ctx(actors.manager), id, { reason: 'late' }));
    }
    await bed.caughtUp();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ComplaintDetailsQuery['list']>> = await query.list(principalOf(actors.manager), { overdue: true, asOf: '2026-03-01T12:00:00.000Z', limit: 2, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect([...seen].sort()).toEqual([...ids].sort());
    const now = await query.list(principalOf(actors.manager), { overdue: true, limit: 50 });
    expect(now.items.map((c) => c.id).sort()).toEqual(ids.slice(2).sort());
  });

  it('rebuilds the complaint as it stood at an earlier instant', async () => {
    const { id } = await intake();
    bed.clock.advance(2 * HOUR);
    await new AcknowledgeComplaintHandler(bed.runner, bed.clock).execute(new AcknowledgeComplaintCommand(bed.ctx(actors.manager), id, { message: 'sorry', replyBy: '2026-03-04T09:00:00.000Z' }));
    await bed.caughtUp();
    const before = await query.get(principalOf(actors.manager), id, '2026-03-02T10:00:00.000Z');
    expect(before).toMatchObject({ status: 'received', revision: 0, asOf: '2026-03-02T10:00:00.000Z' });
    expect(before.timeline).toHaveLength(1);
    const after = await query.get(principalOf(actors.manager), id, '2026-03-02T11:00:00.000Z');
    expect(after).toMatchObject({ status: 'acknowledged', revision: 1 });
    await expect(query.get(principalOf(actors.manager), id, '2026-03-01T00:00:00.000Z')).rejects.toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
  });

  it("keeps one dealer's complaints from another dealer's staff", async () => {
    const { id } = await intake();
    await bed.caughtUp();
    await expect(query.get(principalOf(actors.otherDealerManager), id)).rejects.toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
    expect((await query.list(principalOf(actors.otherDealerManager), { limit: 50 })).items).toEqual([]);
    expect((await query.list(principalOf(actors.manager), { limit: 50 })).items.map((c) => c.id)).toEqual([id]);
    const regional = { sub: 'rsm', role: 'regional_service_manager' as const, dealerId: null, region: 'east', exp: null };
    expect((await query.list(regional, { limit: 50 })).items.map((c) => c.id)).toEqual([id]);
  });
});
