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
import { ReopenComplaintCommand, ReopenComplaintHandler } from '../../reopen-complaint/reopen-complaint.handler';
import { ComplaintDetailsQuery, ComplaintListQuery } from './complaint-details.query';
import { COMPLAINT_DETAILS, COMPLAINT_OVERDUE_SPANS, COMPLAINT_STATUS_SPANS, OPEN_END } from './complaint-details.document';

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
  describe('the list as of T (API.md "Time-based views take ?asOf=")', () => {
    const manager = () => principalOf(actors.manager);
    const ack = (id: string) => new AcknowledgeComplaintHandler(bed.runner, bed.clock).execute(new AcknowledgeComplaintCommand(bed.ctx(actors.manager), id, { message: 'sorry', replyBy: '2026-03-20T09:00:00.000Z' }));
    const investigate = (id: string) => new InvestigateComplaintHandler(bed.runner, bed.clock).execute(new InvestigateComplaintCommand(bed.ctx(actors.manager), id, { rootCause: 'service_process', responsibleParty: 'dealer', findings: 'wrong part quoted' }));
    const propose = (id: string) => new ProposeSolutionHandler(bed.runner, bed.clock).execute(new ProposeSolutionCommand(bed.ctx(actors.manager), id, { description: 'discount', compensationAmount: 100 }));
    const accept = (id: string) => new AcceptSolutionHandler(bed.runner, bed.clock).execute(new AcceptSolutionCommand(bed.ctx(actors.advisor), id, { solutionNo: 1 }));
    const resolve = (id: string) => new ResolveComplaintHandler(bed.runner, bed.clock).execute(new ResolveComplaintCommand(bed.ctx(actors.manager), id, { summary: 'repaired' }));
    const close = (id: string) => new CloseComplaintHandler(bed.runner, bed.clock).execute(new CloseComplaintCommand(bed.ctx(actors.manager), id, {}));
    const reopen = (id: string) => new ReopenComplaintHandler(bed.runner, bed.clock).execute(new ReopenComplaintCommand(bed.ctx(actors.agent), id, { reason: 'the noise is back' }));
    const later = (hours: number) => bed.clock.advance(hours * HOUR);
    const all = async (q: Omit<ComplaintListQuery, 'limit' | 'cursor'>, limit = 50) => {
      const items: Awaited<ReturnType<ComplaintDetailsQuery['list']>>['items'] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<ComplaintDetailsQuery['list']>> = await query.list(manager(), { ...q, limit, cursor });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        items.push(...page.items);
        cursor = page.nextCursor;
        expect(++pages).toBeLessThan(50);
      } while (cursor);
      return items;
    };
    const ids = (items: { id: string }[]) => items.map((c) => c.id).sort();

    /**
     * a: received 09:00, acknowledged 10:00, investigating 11:00, … resolved 14:00, closed 15:00, reopened 16:00.
     * b: received 12:00, acknowledged 13:00.  c: received 17:00.
     */
    async function threeComplaints() {
      const a = (await intake()).id;
      later(1); await ack(a);
      later(1); await investigate(a);
      later(1); const b = (await intake()).id;
      await propose(a);
      later(1); await ack(b);
      await accept(a);
      later(1); await resolve(a);
      later(1); await close(a);
      later(1); await reopen(a);
      later(1); const c = (await intake()).id;
      await bed.caughtUp();
      return { a, b, c };
    }

    it('lists only the complaints received at or before T, each with its status at T', async () => {
      const { a, b, c } = await threeComplaints();
      const at = async (asOf: string) => Object.fromEntries((await all({ asOf })).map((v) => [v.id, v.status]));
      expect(await at('2026-03-02T08:59:59.999Z')).toEqual({});
      expect(await at('2026-03-02T09:00:00.000Z')).toEqual({ [a]: 'received' });
      expect(await at('2026-03-02T12:30:00.000Z')).toEqual({ [a]: 'solution_proposed', [b]: 'received' });
      expect(await at('2026-03-02T15:30:00.000Z')).toEqual({ [a]: 'closed', [b]: 'acknowledged' });
      expect(await at('2026-03-02T16:00:00.000Z')).toEqual({ [a]: 'investigating', [b]: 'acknowledged' });
      expect(await at(bed.clock.now().toISOString())).toEqual({ [a]: 'investigating', [b]: 'acknowledged', [c]: 'received' });
      // Without asOf: as before, every complaint as it stands now.
      expect(Object.fromEntries((await all({})).map((v) => [v.id, v.status]))).toEqual({ [a]: 'investigating', [b]: 'acknowledged', [c]: 'received' });
    });

    it('shows each listed complaint as GET /complaints/{id}?asOf shows it (the same history, the same answer)', async () => {
      await threeComplaints();
      for (const asOf of ['2026-03-02T10:30:00.000Z', '2026-03-02T14:00:00.000Z', '2026-03-02T15:59:59.999Z']) {
        for (const item of await all({ asOf })) expect(item).toEqual(await query.get(manager(), item.id, asOf));
      }
    });

    it('filters by the status at T, over the ended and the running status periods, page by page', async () => {
      const { a, b, c } = await threeComplaints();
      expect(ids(await all({ status: 'closed', asOf: '2026-03-02T15:30:00.000Z' }))).toEqual([a]);
      expect(ids(await all({ status: 'closed' }))).toEqual([]);
      expect(ids(await all({ status: 'acknowledged', asOf: '2026-03-02T15:30:00.000Z' }))).toEqual([b]);
      expect(ids(await all({ status: 'received', asOf: '2026-03-02T12:00:00.000Z' }))).toEqual([b]);
      expect(ids(await all({ status: 'received', asOf: '2026-03-02T09:30:00.000Z' }))).toEqual([a]);
      expect(ids(await all({ status: 'investigating', asOf: '2026-03-02T15:30:00.000Z' }))).toEqual([]);
      // Solution 1 proposed at 12:00, the same instant b was received: a is solution_proposed from 12:00 on.
      expect(ids(await all({ status: 'investigating', asOf: '2026-03-02T11:59:59.999Z' }))).toEqual([a]);
      // Five complaints received at T, two of them acknowledged since: their `received` period has ended, the others' runs on.
      const more: string[] = [c];
      for (let i = 0; i < 4; i++) more.push((await intake()).id);
      const t = bed.clock.now().toISOString();
      later(1);
      for (const id of more.slice(0, 2)) await ack(id);
      await bed.caughtUp();
      const seen = await all({ status: 'received', asOf: t }, 2);
      expect(seen.map((v) => v.id).sort()).toEqual([...more].sort());
      expect(seen.every((v) => v.status === 'received' && v.asOf === t)).toBe(true);
      expect(ids(await all({ status: 'received' }))).toEqual(more.slice(2).sort());
    });

    it('filters by the status at T together with overdue and a customer', async () => {
      const old = (await intake({ occurredAt: '2026-02-24T09:00:00.000Z' })).id;
      await ack(old);
      await bed.caughtUp();
      // As of 2026-02-28 it was received and overdue (R-CP-2/3 passed); now it is acknowledged and still overdue.
      expect(ids(await all({ status: 'received', overdue: true, asOf: '2026-02-28T00:00:00.000Z' }))).toEqual([old]);
      expect(ids(await all({ status: 'acknowledged', overdue: true, asOf: '2026-02-28T00:00:00.000Z' }))).toEqual([]);
      expect(ids(await all({ status: 'acknowledged', overdue: true }))).toEqual([old]);
      expect(ids(await all({ status: 'received', customerId: 'cust-wang', asOf: '2026-02-28T00:00:00.000Z' }))).toEqual([old]);
      expect(ids(await all({ customerId: 'cust-other', asOf: '2026-02-28T00:00:00.000Z' }))).toEqual([]);
    });

    it('answers overdue=false with the complaints not overdue at asOf only', async () => {
      const late = (await intake({ occurredAt: '2026-02-24T09:00:00.000Z' })).id;
      const onTime = (await intake()).id;
      await bed.caughtUp();
      expect(ids(await all({ overdue: false }))).toEqual([onTime]);
      expect(ids(await all({ overdue: true }))).toEqual([late]);
      expect(ids(await all({}))).toEqual([late, onTime].sort());
      // Before its R-CP-3 deadline passed (2026-02-26T09:00) it was not overdue; onTime had not been received.
      expect(ids(await all({ overdue: false, asOf: '2026-02-25T09:00:00.000Z' }))).toEqual([late]);
      expect(ids(await all({ overdue: true, asOf: '2026-02-25T09:00:00.000Z' }))).toEqual([]);
      expect(ids(await all({ overdue: false, status: 'received', asOf: '2026-02-27T09:00:00.000Z' }))).toEqual([]);
      // Pages stay within the limit and end, however many candidates the filter leaves out.
      for (let i = 0; i < 6; i++) await intake({ occurredAt: `2026-02-2${i}T10:00:00.000Z` });
      await bed.caughtUp();
      expect(ids(await all({ overdue: false }, 1))).toEqual([onTime]);
    });

    it('keeps a reopened complaint investigating, its reopening visible (R-CP-6)', async () => {
      const { a } = await threeComplaints();
      const now = await query.get(manager(), a);
      expect(now).toMatchObject({ status: 'investigating', reopenCount: 1, reopenedAt: '2026-03-02T16:00:00.000Z', closedAt: null });
      expect(now.timeline.map((t) => t.type).slice(-3)).toEqual(['ComplaintResolved', 'ComplaintClosed', 'ComplaintReopened']);
      expect(now.statusHistory.slice(-3).map((s) => s.status)).toEqual(['resolved', 'closed', 'investigating']);
      expect(ids(await all({ status: 'investigating' }))).toEqual([a]);
      expect(await query.get(manager(), a, '2026-03-02T15:30:00.000Z')).toMatchObject({ status: 'closed', reopenCount: 0, reopenedAt: null });
    });

    it('answers 404 for a complaint asked about before it was received, even when filed late', async () => {
      const { id } = await intake({ occurredAt: '2026-02-24T09:00:00.000Z' });
      await bed.caughtUp();
      await expect(query.get(manager(), id, '2026-02-24T08:59:59.999Z')).rejects.toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
      await expect(query.get(manager(), id, '2026-02-24T09:00:00.000Z')).resolves.toMatchObject({ status: 'received' });
    });

    it('serves the as-of list and the status-at-T list from indexes, not scans', async () => {
      await threeComplaints();
      const asOf = bed.clock.now().toISOString();
      const details = await bed.readModels.physicalName(COMPLAINT_DETAILS);
      for (const [filter, index] of [
        [{ dealerId: 'D1', receivedAt: { $lte: asOf } }, 'dealerId_1_receivedAt_1'],
        [{ receivedAt: { $lte: asOf } }, 'receivedAt_1'],
        [{ customerId: 'cust-wang', receivedAt: { $lte: asOf } }, 'customerId_1_receivedAt_1'],
      ] as const) {
        const plan = bed.queryStore.explainQueryPlan(details, filter, { sort: { receivedAt: 1 }, limit: 50 }).flat().join(' | ');
        expect(plan).toMatch(new RegExp(`^SEARCH \\S+ USING INDEX \\S+\\$${index} \\(`));
        expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
      }
      const spans = await bed.readModels.physicalName(COMPLAINT_STATUS_SPANS);
      const ended = { status: 'received', until: { $gt: asOf, $lt: OPEN_END }, from: { $lte: asOf } };
      const running = { status: 'received', until: OPEN_END, from: { $lte: asOf } };
      for (const filter of [{ dealerId: 'D1', ...ended }, { dealerId: 'D1', ...running }, ended, running]) {
        const plan = bed.queryStore.explainQueryPlan(spans, filter, { sort: { until: 1, from: 1 }, limit: 50 }).flat().join(' | ');
        expect(plan).toMatch(/^SEARCH \S+ USING INDEX \S+\$(dealerId_1_)?status_1_until_1_from_1 \(/);
        expect(plan).not.toMatch(/SCAN|TEMP B-TREE|ANY\(/);
      }
    });
  });
});
