import { FixedClock, MS_PER_DAY } from '@aftercare/kernel';
import { startApp, E2eApp } from '../support/e2e-app';
import { createCustomerFile, registerDealers, VIN } from '../customers/customer-file.scenario';
import { ProjectionHost } from '../../apps/projector/src/projection-host.service';
import { ESCALATION_WORKER, EscalateUnsolvedComplaintsWorker } from '../../libs/complaints/src/escalate-unsolved-complaint/escalate-unsolved-complaint.worker';

const HOUR = 3_600_000;

describe('complaints over HTTP', () => {
  let app: E2eApp;
  let clock: FixedClock;
  let customerId: string;
  const advisor = () => app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
  const manager = () => app.token('customer_service_manager', { dealerId: 'D1', sub: 'csm-zhao' });
  const agent = () => app.token('callback_agent', { dealerId: 'D1', sub: 'cb-wu' });
  const supervisor = () => app.token('business_supervisor', { dealerId: 'D1', sub: 'bs-qian' });
  const otherManager = () => app.token('customer_service_manager', { dealerId: 'D2', sub: 'csm-zhou' });

  const post = (path: string, token: string, body: object = {}) => app.http.post(`/api/v1${path}`).set('Authorization', token).send(body);
  const get = (path: string, token: string) => app.http.get(`/api/v1${path}`).set('Authorization', token);
  const fileComplaint = async (over: object = {}) =>
    (
      await post('/complaints', advisor(), {
        customerId, vin: VIN, channel: 'phone', subject: 'repair_quality', description: 'noise after the service', expectedResolution: 'fix it', severity: 'normal', ...over,
      }).expect(201)
    ).body.id as string;

  beforeAll(async () => {
    clock = new FixedClock('2026-03-10T09:00:00.000Z');
    app = await startApp({ clock, env: { LOG_LEVEL: 'error' } });
    await registerDealers(app);
    // The service visit of the worked case: periodic maintenance on 2026-03-09.
    ({ customerId } = await createCustomerFile(app));
  });
  afterAll(async () => app?.stop());

  describe('the worked case of DOMAIN.md, from the service visit to closure', () => {
    let id: string;

    beforeAll(async () => {
      const intake = await post('/complaints', advisor(), {
        customerId,
        vin: VIN,
        channel: 'walk_in',
        subject: 'price',
        description: 'Since yesterday’s maintenance the A/C makes a noise. You quoted 200 yuan for the blower; now the part is 1,000. Your first inspection got it wrong.',
        expectedResolution: 'Repair it at the quoted price',
        severity: 'normal',
      }).expect(201);
      id = intake.body.id;
      expect(intake.body).toEqual({ id, revision: 0 });
      expect(intake.headers.location).toBe(`/api/v1/complaints/${id}`);
      expect(intake.headers.etag).toBe('"0"');

      clock.advance(HOUR);
      const ack = await post(`/complaints/${id}/acknowledgement`, manager(), {
        message: 'We apologise for the wrong quote; the service manager will call you back by tomorrow evening.',
        replyBy: '2026-03-11T18:00:00.000Z',
      }).expect(200);
      expect(ack.body).toMatchObject({ id, revision: 1 });
      expect(ack.headers.etag).toBe('"1"');
      clock.advance(2 * HOUR);
      await post(`/complaints/${id}/interim-replies`, agent(), { message: 'We are reviewing the first diagnosis and the parts price.' }).expect(200);
      clock.advance(3 * HOUR);
      await post(`/complaints/${id}/investigation`, manager(), {
        rootCause: 'service_process',
        responsibleParty: 'dealer',
        findings: 'Incomplete first diagnosis, no final check, the wrong blower part was quoted (200 instead of 1,000 yuan).',
      }).expect(200);
      const proposal = await post(`/complaints/${id}/solutions`, manager(), {
        description: 'Manager apologises, shows the real price list, explains the technical cause and discounts the repair; internal notice and training follow.',
        compensationAmount: 500,
      }).expect(200);
      expect(proposal.body).toMatchObject({ id, revision: 4, solutionNo: 1 });
      clock.advance(HOUR);
      await post(`/complaints/${id}/solutions/1/acceptance`, advisor()).expect(200);
      clock.advance(20 * HOUR);
      await post(`/complaints/${id}/resolution`, manager(), { summary: 'Blower replaced at the discounted price; quoting training held.' }).expect(200);
      clock.advance(MS_PER_DAY);
      const closed = await post(`/complaints/${id}/closure`, manager()).expect(200);
      expect(closed.body).toMatchObject({ id, revision: 7 });
      await app.caughtUp();
    });

    it('reads the whole story back: who did each step, when, and why', async () => {
      const res = await get(`/complaints/${id}`, manager()).expect(200);
      expect(res.headers.etag).toBe('"7"');
      expect(res.body).toMatchObject({
        id, dealerId: 'D1', customerId, vin: VIN, status: 'closed', severity: 'normal', channel: 'walk_in', subject: 'price',
        rootCause: 'service_process', responsibleParty: 'dealer', overdue: false, revision: 7,
        receivedAt: '2026-03-10T09:00:00.000Z', resolvedAt: '2026-03-11T12:00:00.000Z', closedAt: '2026-03-12T12:00:00.000Z',
      });
      expect(res.body.timeline.map((t: { type: string; actorId: string; role: string; occurredAt: string }) => [t.type, t.actorId, t.role, t.occurredAt])).toEqual([
        ['ComplaintReceived', 'sa-li', 'service_advisor', '2026-03-10T09:00:00.000Z'],
        ['ComplaintAcknowledged', 'csm-zhao', 'customer_service_manager', '2026-03-10T10:00:00.000Z'],
        ['InterimReplySent', 'cb-wu', 'callback_agent', '2026-03-10T12:00:00.000Z'],
        ['ComplaintInvestigated', 'csm-zhao', 'customer_service_manager', '2026-03-10T15:00:00.000Z'],
        ['SolutionProposed', 'csm-zhao', 'customer_service_manager', '2026-03-10T15:00:00.000Z'],
        ['SolutionAccepted', 'sa-li', 'service_advisor', '2026-03-10T16:00:00.000Z'],
        ['ComplaintResolved', 'csm-zhao', 'customer_service_manager', '2026-03-11T12:00:00.000Z'],
        ['ComplaintClosed', 'csm-zhao', 'customer_service_manager', '2026-03-12T12:00:00.000Z'],
      ]);
      expect(res.body.timeline[3].details).toMatchObject({ rootCause: 'service_process', responsibleParty: 'dealer' });
      expect(res.body.timeline[6].details).toMatchObject({ followUpDueAt: '2026-03-13T12:00:00.000Z' });
      expect(res.body.solutions).toEqual([
        expect.objectContaining({ solutionNo: 1, status: 'accepted', compensationAmount: 500, answeredAt: '2026-03-10T16:00:00.000Z' }),
      ]);
      expect(res.body.deadlines.map((d: { kind: string; metAt: string | null; overdue: boolean }) => [d.kind, d.metAt, d.overdue])).toEqual([
        ['interim_reply', '2026-03-10T12:00:00.000Z', false],
        ['escalation', '2026-03-11T12:00:00.000Z', false],
        ['reply_by', '2026-03-10T12:00:00.000Z', false],
        ['follow_up', '2026-03-12T12:00:00.000Z', false],
      ]);
    });

    it('reads the complaint as it stood before the investigation', async () => {
      const res = await get(`/complaints/${id}?asOf=2026-03-10T13:00:00Z`, manager()).expect(200);
      expect(res.body).toMatchObject({ status: 'acknowledged', rootCause: null, revision: 2, asOf: '2026-03-10T13:00:00.000Z' });
      expect(res.headers.etag).toBe('"2"');
    });

    it('reads it over GraphQL, and counts it on the dealer’s board', async () => {
      const res = await app.http
        .post('/graphql')
        .set('Authorization', manager())
        .send({
          query: `{ complaint(id: "${id}") { status rootCause timeline { type role details } solutions { solutionNo status } }
                    complaintBoard(dealerId: "D1", from: "2026-03-01", to: "2026-03-31") { received byRootCause { key count } resolved averageHoursToResolve } }`,
        })
        .expect(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.complaint).toMatchObject({ status: 'closed', rootCause: 'service_process', solutions: [{ solutionNo: 1, status: 'accepted' }] });
      expect(JSON.parse(res.body.data.complaint.timeline[4].details)).toMatchObject({ solutionNo: 1, compensationAmount: 500 });
      expect(res.body.data.complaintBoard).toMatchObject({ byRootCause: [{ key: 'service_process', count: 1 }] });
      expect(res.body.data.complaintBoard.received).toBeGreaterThanOrEqual(1);
    });

    it('lists it as it stood at an earlier instant, filtered by its status then, over REST and GraphQL', async () => {
      const listed = async (query: string) =>
        ((await get(`/complaints?limit=500&${query}`, manager()).expect(200)).body.items as { id: string; status: string; asOf: string }[]).find((c) => c.id === id);
      expect(await listed('asOf=2026-03-10T08:59:59Z')).toBeUndefined();
      expect(await listed('asOf=2026-03-10T13:00:00Z')).toMatchObject({ status: 'acknowledged', rootCause: null, revision: 2, asOf: '2026-03-10T13:00:00.000Z' });
      expect(await listed('status=acknowledged&asOf=2026-03-10T13:00:00Z')).toMatchObject({ status: 'acknowledged' });
      expect(await listed('status=closed&asOf=2026-03-10T13:00:00Z')).toBeUndefined();
      expect(await listed('status=resolved&asOf=2026-03-12T00:00:00Z')).toMatchObject({ status: 'resolved', closedAt: null });
      expect(await listed('status=closed')).toMatchObject({ status: 'closed' });
      const gql = await app.http
        .post('/graphql')
        .set('Authorization', manager())
        .send({ query: `{ before: complaints(asOf: "2026-03-10T08:59:59Z", first: 500) { items { id } }
                          then: complaints(status: "acknowledged", asOf: "2026-03-10T13:00:00Z", first: 500) { items { id status asOf } } }` })
        .expect(200);
      expect(gql.body.errors).toBeUndefined();
      expect(gql.body.data.before.items.map((c: { id: string }) => c.id)).not.toContain(id);
      expect(gql.body.data.then.items).toContainEqual({ id, status: 'acknowledged', asOf: '2026-03-10T13:00:00.000Z' });
    });

    it('answers 404 for the complaint asked about before it was received', async () => {
      const res = await get(`/complaints/${id}?asOf=2026-03-10T08:59:59Z`, manager()).expect(404);
      expect(res.body).toMatchObject({ status: 404, code: 'COMPLAINT.NOT_FOUND' });
      await get(`/complaints/${id}?asOf=2026-03-10T09:00:00Z`, manager()).expect(200);
      const gql = await app.http.post('/graphql').set('Authorization', manager()).send({ query: `{ complaint(id: "${id}", asOf: "2026-03-10T08:59:59Z") { id } }` }).expect(200);
      expect(gql.body.errors?.[0]?.extensions).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    });

    it('reopens it when the follow-up call finds the customer dissatisfied: investigating again, the reopening kept (R-CP-6)', async () => {
      clock.advance(HOUR);
      const res = await post(`/complaints/${id}/reopening`, agent(), { reason: 'at the follow-up call the noise is back' }).expect(200);
      expect(res.body).toMatchObject({ id, revision: 8 });
      await app.caughtUp();
      const view = await get(`/complaints/${id}`, manager()).expect(200);
      expect(view.body).toMatchObject({ status: 'investigating', closedAt: null, resolvedAt: null, reopenCount: 1, reopenedAt: '2026-03-12T13:00:00.000Z' });
      expect(view.body.timeline.map((t: { type: string }) => t.type).slice(-1)).toEqual(['ComplaintReopened']);
      expect(view.body.statusHistory.slice(-2)).toEqual([{ status: 'closed', at: '2026-03-12T12:00:00.000Z' }, { status: 'investigating', at: '2026-03-12T13:00:00.000Z' }]);
      const listed = (await get('/complaints?status=investigating&limit=500', manager()).expect(200)).body.items.map((c: { id: string }) => c.id);
      expect(listed).toContain(id);
      const before = (await get('/complaints?status=closed&asOf=2026-03-12T12:30:00Z&limit=500', manager()).expect(200)).body.items.map((c: { id: string }) => c.id);
      expect(before).toContain(id);
      // Investigating again: the manager may propose at once (the root cause is known), and the complaint cannot be reopened twice.
      await post(`/complaints/${id}/solutions`, manager(), { description: 'replace the blower under goodwill' }).expect(200);
      const again = await post(`/complaints/${id}/reopening`, agent(), { reason: 'x' }).expect(409);
      expect(again.body.code).toBe('COMPLAINT.NOT_REOPENABLE');
      const gql = await app.http.post('/graphql').set('Authorization', manager()).send({ query: `{ complaint(id: "${id}") { status reopenCount reopenedAt statusHistory { status at } } }` }).expect(200);
      expect(gql.body.errors).toBeUndefined();
      expect(gql.body.data.complaint).toMatchObject({ status: 'solution_proposed', reopenCount: 1, reopenedAt: '2026-03-12T13:00:00.000Z' });
    });
  });

  it('shows a complaint filed with a back-dated intake as overdue at once (R-CP-2, R-CP-3)', async () => {
    const id = await fileComplaint({ occurredAt: new Date(clock.now().getTime() - 5 * MS_PER_DAY).toISOString() });
    await app.caughtUp();
    const overdue = await get('/complaints?overdue=true', manager()).expect(200);
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const before = await get(`/complaints?overdue=true&asOf=${new Date(clock.now().getTime() - 4 * MS_PER_DAY).toISOString()}`, manager()).expect(200);
    expect(before.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const view = await get(`/complaints/${id}`, manager()).expect(200);
    expect(view.body.overdue).toBe(true);
    const gql = await app.http
      .post('/graphql')
      .set('Authorization', manager())
      .send({ query: '{ complaints(overdue: true, first: 50) { items { id overdue deadlines { kind overdue } } nextCursor } }' })
      .expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.complaints.items).toContainEqual(expect.objectContaining({ id, overdue: true }));
  });

  it('answers overdue=false with only the complaints not overdue at asOf, over REST and GraphQL', async () => {
    const late = await fileComplaint({ occurredAt: new Date(clock.now().getTime() - 5 * MS_PER_DAY).toISOString() });
    const onTime = await fileComplaint();
    await app.caughtUp();
    const ids = async (query: string) => (await get(`/complaints?limit=500&${query}`, manager()).expect(200)).body.items.map((c: { id: string; overdue: boolean }) => {
      expect(c.overdue).toBe(query.includes('overdue=true'));
      return c.id;
    });
    const notOverdue = await ids('overdue=false');
    expect(notOverdue).toContain(onTime);
    expect(notOverdue).not.toContain(late);
    expect(await ids('overdue=true')).toContain(late);
    // Four days ago the late one was received but its deadlines had not passed; the other had not been received.
    const fourDaysAgo = new Date(clock.now().getTime() - 4 * MS_PER_DAY).toISOString();
    const then = await ids(`overdue=false&asOf=${fourDaysAgo}`);
    expect(then).toContain(late);
    expect(then).not.toContain(onTime);
    const gql = await app.http
      .post('/graphql')
      .set('Authorization', manager())
      .send({ query: `{ now: complaints(overdue: false, first: 500) { items { id overdue } } then: complaints(overdue: false, asOf: "${fourDaysAgo}", first: 500) { items { id overdue } } }` })
      .expect(200);
    expect(gql.body.errors).toBeUndefined();
    const gqlNow = gql.body.data.now.items as { id: string; overdue: boolean }[];
    expect(gqlNow.map((c) => c.id)).toContain(onTime);
    expect(gqlNow.map((c) => c.id)).not.toContain(late);
    expect(gqlNow.every((c) => !c.overdue)).toBe(true);
    expect(gql.body.data.then.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([late]));
    expect(gql.body.data.then.items.map((c: { id: string }) => c.id)).not.toContain(onTime);
  });

  it('escalates a complaint still open two days after it was taken, once, as the system (R-CP-3)', async () => {
    const id = await fileComplaint();
    await app.caughtUp();
    clock.advance(2 * MS_PER_DAY + HOUR);
    const worker = app.app.get(ProjectionHost).workers.get(ESCALATION_WORKER) as EscalateUnsolvedComplaintsWorker;
    await worker.tick();
    await worker.tick();
    await app.caughtUp();
    const view = await get(`/complaints/${id}`, manager()).expect(200);
    const escalations = view.body.timeline.filter((t: { type: string }) => t.type === 'ComplaintEscalated');
    expect(escalations).toEqual([expect.objectContaining({ actorId: 'system', role: 'system', details: { reason: 'R-CP-3', escalatedTo: 'business_supervisor', rule: 'R-CP-3' } })]);
    // The business supervisor now sets a responsible person and a deadline (R-CP-3).
    await post(`/complaints/${id}/assignment`, supervisor(), { assigneeId: 'tech-chen', deadline: new Date(clock.now().getTime() + MS_PER_DAY).toISOString() }).expect(200);
  });

  it('notifies the dealer general manager of a major complaint at once (R-CP-4)', async () => {
    const id = await fileComplaint({ severity: 'major', subject: 'product_quality' });
    await app.caughtUp();
    const view = await get(`/complaints/${id}`, manager()).expect(200);
    expect(view.body.generalManagerNotifiedAt).toBe(clock.now().toISOString());
    expect(view.body.timeline.map((t: { type: string }) => t.type)).toEqual(['ComplaintReceived', 'DealerGeneralManagerNotified']);
  });

  it('refuses steps out of order with 409 and the rule code, writing nothing', async () => {
    const id = await fileComplaint();
    await app.caughtUp();
    const before = await app.eventStore.headPosition();
    const expect409 = async (path: string, token: string, body: object, code: string) => {
      const res = await post(path, token, body).expect(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 409, code });
    };
    await expect409(`/complaints/${id}/investigation`, manager(), { rootCause: 'service_process', responsibleParty: 'dealer', findings: 'x' }, 'COMPLAINT.NOT_ACKNOWLEDGED');
    await expect409(`/complaints/${id}/interim-replies`, agent(), { message: 'x' }, 'COMPLAINT.NOT_ACKNOWLEDGED');
    await expect409(`/complaints/${id}/resolution`, manager(), { summary: 'x' }, 'COMPLAINT.NOT_ACCEPTED');
    await expect409(`/complaints/${id}/closure`, manager(), {}, 'COMPLAINT.NOT_RESOLVED');
    await expect409(`/complaints/${id}/reopening`, manager(), { reason: 'x' }, 'COMPLAINT.NOT_REOPENABLE');
    await expect409(`/complaints/${id}/assignment`, supervisor(), { assigneeId: 'x', deadline: '2027-01-01T00:00:00Z' }, 'COMPLAINT.NOT_ESCALATED');
    await app.caughtUp();
    expect(await app.eventStore.headPosition()).toBe(before);
    await post(`/complaints/${id}/acknowledgement`, manager(), { message: 'sorry', replyBy: '2027-01-01T00:00:00Z' }).expect(200);
    await expect409(`/complaints/${id}/acknowledgement`, manager(), { message: 'sorry', replyBy: '2027-01-01T00:00:00Z' }, 'COMPLAINT.ALREADY_ACKNOWLEDGED');
    await expect409(`/complaints/${id}/solutions`, manager(), { description: 'x' }, 'COMPLAINT.NOT_INVESTIGATED');
    const unknown = await post(`/complaints/${id}/solutions/3/acceptance`, advisor()).expect(404);
    expect(unknown.body.code).toBe('COMPLAINT.NO_SUCH_SOLUTION');
    await post('/complaints/no-such-complaint/acknowledgement', manager(), { message: 'x', replyBy: '2027-01-01T00:00:00Z' }).expect(404);
  });

  it('refuses the wrong role and another dealer with 403', async () => {
    const id = await fileComplaint();
    const roleRefused = await post('/complaints', supervisor(), { customerId, channel: 'phone', subject: 'sales', description: 'x', expectedResolution: 'y', severity: 'normal' }).expect(403);
    expect(roleRefused.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    await post(`/complaints/${id}/acknowledgement`, manager(), { message: 'sorry', replyBy: '2027-01-01T00:00:00Z' }).expect(200);
    await post(`/complaints/${id}/investigation`, advisor(), { rootCause: 'service_process', responsibleParty: 'dealer', findings: 'x' }).expect(403);
    await post(`/complaints/${id}/escalation`, app.token('auditor'), { reason: 'x' }).expect(403);
    const otherDealer = await post(`/complaints/${id}/interim-replies`, otherManager(), { message: 'x' }).expect(403);
    expect(otherDealer.body.code).toBe('AUTH.OUT_OF_SCOPE');
    await app.caughtUp();
    await get(`/complaints/${id}`, otherManager()).expect(403);
    const list = await get('/complaints', otherManager()).expect(200);
    expect(list.body.items).toEqual([]);
    await get(`/complaints/${id}`, app.token('regional_service_manager', { region: 'east' })).expect(200);
    await get(`/complaints/${id}`, app.token('regional_service_manager', { region: 'south' })).expect(403);
  });

  it('answers a stale If-Match with 412 and changes nothing, a current one with the new ETag', async () => {
    const id = await fileComplaint();
    await app.caughtUp();
    const before = await app.eventStore.headPosition();
    await post(`/complaints/${id}/acknowledgement`, manager(), { message: 'sorry', replyBy: '2027-01-01T00:00:00Z' }).set('If-Match', '"3"').expect(412);
    await app.caughtUp();
    expect(await app.eventStore.headPosition()).toBe(before);
    const ok = await post(`/complaints/${id}/acknowledgement`, manager(), { message: 'sorry', replyBy: '2027-01-01T00:00:00Z' }).set('If-Match', '"0"').expect(200);
    expect(ok.headers.etag).toBe('"1"');
  });

  it('replays an Idempotency-Key: same answer, nothing appended; another body with it is a 422', async () => {
    const body = { customerId, channel: 'wechat', subject: 'waiting_time', description: 'waited three hours', expectedResolution: 'an apology', severity: 'normal' };
    const first = await post('/complaints', advisor(), body).set('Idempotency-Key', 'intake-42').expect(201);
    await app.caughtUp();
    const head = await app.eventStore.headPosition();
    const again = await post('/complaints', advisor(), body).set('Idempotency-Key', 'intake-42').expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    await app.caughtUp();
    expect(await app.eventStore.headPosition()).toBe(head);
    await post('/complaints', advisor(), { ...body, description: 'something else' }).set('Idempotency-Key', 'intake-42').expect(422);
  });

  it('refuses unknown fields and values outside the lists with 400 naming the field', async () => {
    const unknownField = await post('/complaints', advisor(), { customerId, channel: 'phone', subject: 'sales', description: 'x', expectedResolution: 'y', severity: 'normal', mood: 'angry' }).expect(400);
    expect(unknownField.body.errors.map((e: { field: string }) => e.field)).toContain('mood');
    const badEnum = await post('/complaints', advisor(), { customerId, channel: 'fax', subject: 'sales', description: 'x', expectedResolution: 'y', severity: 'normal' }).expect(400);
    expect(badEnum.body.errors.map((e: { field: string }) => e.field)).toContain('channel');
    const future = await post('/complaints', advisor(), { customerId, channel: 'phone', subject: 'sales', description: 'x', expectedResolution: 'y', severity: 'normal', occurredAt: '2099-01-01T00:00:00Z' }).expect(400);
    expect(future.body.code).toBe('COMPLAINT.OCCURRED_IN_FUTURE');
  });

  it('documents the complaint endpoints and their bodies in OpenAPI', async () => {
    const doc = (await app.http.get('/docs-json').expect(200)).body;
    for (const path of ['/api/v1/complaints', '/api/v1/complaints/{id}/acknowledgement', '/api/v1/complaints/{id}/solutions/{n}/acceptance', '/api/v1/complaints/{id}/reopening']) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(doc.components.schemas.ReceiveComplaintDto.properties.channel.enum).toEqual(['phone', 'wechat', 'walk_in', 'website', 'email', 'callback']);
  });
});
