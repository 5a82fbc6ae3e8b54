import { addDays, FixedClock } from '@aftercare/kernel';
import { startApp, E2eApp } from '../support/e2e-app';

/**
 * The callback queue agents work every day, over HTTP on the real app, with a
 * FixedClock and asOf: the care schedule's reactions fill it from visits and
 * complaints, agents claim and call, reports count it.
 */
const NOW = '2026-03-10T09:00:00.000Z';
const VISIT_AT = '2026-03-09T10:00:00.000Z';

describe('callbacks over HTTP', () => {
  let app: E2eApp;
  let clock: FixedClock;
  let vinSeq = 0;
  const advisor = () => app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
  const agent = (sub = 'agent-wu') => app.token('callback_agent', { dealerId: 'D1', sub });
  const manager = () => app.token('customer_service_manager', { dealerId: 'D1', sub: 'csm-zhao' });

  /** The scheduler's appends are themselves projected: wait until nothing moves any more. */
  async function settled(): Promise<void> {
    for (;;) {
      const head = await app.eventStore.headPosition();
      await app.caughtUp();
      if ((await app.eventStore.headPosition()) === head) return;
    }
  }

  /** A customer with a vehicle delivered a year ago, and one paid visit on VISIT_AT. */
  async function customerWithVisit(extra: Record<string, unknown> = {}): Promise<{ customerId: string; vin: string }> {
    const customer = await app.http.post('/api/v1/customers').set('Authorization', advisor()).send({ name: '王建国', phone: '13800138000', ...extra }).expect(201);
    const vin = `LSVAU2180N21${String(83000 + ++vinSeq)}`;
    await app.http
      .post(`/api/v1/customers/${customer.body.id}/vehicles`)
      .set('Authorization', advisor())
      .send({ vin, plate: `沪A${10000 + vinSeq}`, model: 'Lavida', purchaseDate: '2025-03-01', deliveredAt: '2025-03-10', warrantyMonths: 24, warrantyKm: 40000 })
      .expect(201);
    await visit(vin, VISIT_AT, 7400);
    return { customerId: customer.body.id, vin };
  }

  async function visit(vin: string, occurredAt: string, odometerKm: number): Promise<void> {
    await app.http
      .post(`/api/v1/vehicles/${vin}/visits`)
      .set('Authorization', advisor())
      .send({ occurredAt, odometerKm, type: 'periodic_maintenance', amount: 680, advisorId: 'sa-li' })
      .expect(201);
    await settled();
  }

  async function queue(query: Record<string, string>, token = agent()) {
    const res = await app.http.get('/api/v1/callbacks/queue').query({ limit: '500', ...query }).set('Authorization', token).expect(200);
    return res.body as { items: Array<Record<string, unknown> & { id: string; customerId: string; type: string; dueAt: string; status: string }>; nextCursor: string | null };
  }

  async function callbackOf(customerId: string, type: string, asOf = '2027-12-31T00:00:00.000Z') {
    const items = (await queue({ asOf, type })).items.filter((i) => i.customerId === customerId);
    return items;
  }

  beforeAll(async () => {
    clock = new FixedClock(NOW);
    app = await startApp({ clock });
    const admin = app.token('admin');
    await app.http.post('/api/v1/dealers').set('Authorization', admin).send({ dealerId: 'D1', name: 'Dealer D1', region: 'east' }).expect(201);
    await app.http.post('/api/v1/dealers').set('Authorization', admin).send({ dealerId: 'D2', name: 'Dealer D2', region: 'east' }).expect(201);
  });
  afterAll(async () => app?.stop());
  afterEach(() => clock.set(NOW));

  it('queues a post-service callback due 3 days after a paid visit (R-CB-1)', async () => {
    const { customerId, vin } = await customerWithVisit();
    expect((await queue({ asOf: NOW })).items.filter((i) => i.customerId === customerId)).toEqual([]);
    const due = await queue({ asOf: '2026-03-12T10:00:00.000Z' });
    const mine = due.items.filter((i) => i.customerId === customerId);
    expect(mine).toEqual([
      expect.objectContaining({ type: 'post_service', rule: 'R-CB-1', dueAt: '2026-03-12T10:00:00.000Z', vin, status: 'scheduled', priority: 'normal', dealerId: 'D1' }),
    ]);
    const one = await app.http.get(`/api/v1/callbacks/${mine[0].id}`).set('Authorization', agent()).expect(200);
    expect(one.headers.etag).toBe('"0"');
    expect(one.body).toMatchObject({ id: mine[0].id, advisorId: 'sa-li', subject: { visitAt: VISIT_AT }, attempts: [] });
  });

  it('withdraws the pending lapsed calls when a newer visit comes (R-CB-6)', async () => {
    const { customerId, vin } = await customerWithVisit();
    // R-CB-6: six calls, 15 d, 30 d, 3.5, 6, 9 and 12 months after the visit, all queued at once.
    const before = await callbackOf(customerId, 'lapsed', '2027-04-09T10:00:00.000Z');
    expect(before.map((c) => c.dueAt)).toEqual([addDays(VISIT_AT, 15), addDays(VISIT_AT, 30), '2026-06-24T10:00:00.000Z', '2026-09-09T10:00:00.000Z', '2026-12-09T10:00:00.000Z', '2027-03-09T10:00:00.000Z']);
    expect(before.every((c) => c.status === 'scheduled' && c.rule === 'R-CB-6')).toBe(true);
    await visit(vin, '2026-03-10T08:00:00.000Z', 7450);
    for (const old of before) {
      const res = await app.http.get(`/api/v1/callbacks/${old.id}`).set('Authorization', agent()).expect(200);
      expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: 'newer_visit' });
    }
    const after = await callbackOf(customerId, 'lapsed', '2027-04-10T08:00:00.000Z');
    expect(after.map((c) => c.dueAt)).toEqual(['2026-03-25T08:00:00.000Z', '2026-04-09T08:00:00.000Z', '2026-06-25T08:00:00.000Z', '2026-09-10T08:00:00.000Z', '2026-12-10T08:00:00.000Z', '2027-03-10T08:00:00.000Z']);
    expect(after.every((c) => !before.some((b) => b.id === c.id))).toBe(true);
  });

  it('lets only one of two agents claiming at once take a callback (409 CALLBACK.ALREADY_CLAIMED)', async () => {
    const { customerId } = await customerWithVisit();
    const [call] = await callbackOf(customerId, 'post_service');
    const results = await Promise.all(
      ['agent-wu', 'agent-ma', 'agent-qian', 'agent-sun'].map((sub) => app.http.post(`/api/v1/callbacks/${call.id}/claim`).set('Authorization', agent(sub))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    for (const r of results.filter((r) => r.status === 409)) expect(r.body).toMatchObject({ code: 'CALLBACK.ALREADY_CLAIMED', status: 409 });
    await settled();
    const winner = results.find((r) => r.status === 200)!;
    const res = await app.http.get(`/api/v1/callbacks/${call.id}`).set('Authorization', agent()).expect(200);
    expect(res.body).toMatchObject({ status: 'claimed', claimedBy: expect.any(String), assigneeId: res.body.claimedBy });
    expect(winner.body).toEqual({ id: call.id, revision: 1 });
  });

  it('ends a callback unreachable after three unanswered attempts over three days, each a day after the last (R-CB-12)', async () => {
    const { customerId } = await customerWithVisit();
    const [call] = await callbackOf(customerId, 'post_service');
    clock.set('2026-03-12T10:00:00.000Z');
    for (let day = 0; day < 3; day++) {
      await app.http.post(`/api/v1/callbacks/${call.id}/claim`).set('Authorization', agent()).expect(200);
      const res = await app.http.post(`/api/v1/callbacks/${call.id}/attempts`).set('Authorization', agent()).send({ reached: false, notes: 'no answer' }).expect(200);
      expect(res.body.status).toBe(day < 2 ? 'scheduled' : 'unreachable');
      await settled();
      if (day < 2) {
        // Released, and due again a day later: not in today's queue, and nobody may claim it before.
        const again = await queue({ asOf: addDays(clock.now(), 1) });
        expect(again.items.find((i) => i.id === call.id)).toMatchObject({ status: 'scheduled', dueAt: addDays(clock.now(), 1) });
        expect((await queue({})).items.some((i) => i.id === call.id)).toBe(false);
        const early = await app.http.post(`/api/v1/callbacks/${call.id}/claim`).set('Authorization', agent('agent-ma')).expect(409);
        expect(early.body).toMatchObject({ code: 'CALLBACK.RETRY_NOT_DUE', status: 409 });
        expect(early.body.detail).toContain(addDays(clock.now(), 1));
      }
      clock.advance(86_400_000);
    }
    const res = await app.http.get(`/api/v1/callbacks/${call.id}`).set('Authorization', agent()).expect(200);
    expect(res.body.status).toBe('unreachable');
    expect(res.body.attempts).toHaveLength(3);
    expect((await queue({ asOf: '2027-12-31T00:00:00.000Z' })).items.some((i) => i.id === call.id)).toBe(false);
  });

  it('opens exactly one complaint, linked to the callback, when a call finds one, even when the request is retried', async () => {
    const { customerId, vin } = await customerWithVisit();
    const [call] = await callbackOf(customerId, 'post_service');
    clock.set('2026-03-12T10:00:00.000Z');
    await app.http.post(`/api/v1/callbacks/${call.id}/claim`).set('Authorization', agent()).expect(200);
    const body = { reached: true, satisfaction: 1, feedback: 'complaint', notes: 'The A/C noise is back after the maintenance', complaint: { subject: 'repair_quality', expectedResolution: 'fix it for free' } };
    const first = await app.http.post(`/api/v1/callbacks/${call.id}/attempts`).set('Authorization', agent()).set('Idempotency-Key', 'call-1').send(body).expect(200);
    const replay = await app.http.post(`/api/v1/callbacks/${call.id}/attempts`).set('Authorization', agent()).set('Idempotency-Key', 'call-1').send(body).expect(200);
    expect(replay.body).toEqual(first.body);
    // Retried without the key: the call is already done.
    const again = await app.http.post(`/api/v1/callbacks/${call.id}/attempts`).set('Authorization', agent()).send(body).expect(409);
    expect(again.body.code).toBe('CALLBACK.CLOSED');
    await settled();
    // A restarted projector re-runs nothing twice either: the reactions' effects are keyed by the attempt.
    app = await app.restart();
    await settled();
    const complaints = await app.http.get('/api/v1/complaints').query({ customerId }).set('Authorization', manager()).expect(200);
    expect(complaints.body.items).toEqual([
      expect.objectContaining({ id: first.body.complaintId, channel: 'callback', callbackId: call.id, vin, subject: 'repair_quality', customerId, takenBy: 'agent-wu' }),
    ]);
    // R-CB-2: the call found a problem, so the resolution check comes 7 days after the visit.
    expect(await callbackOf(customerId, 'post_service_resolution')).toEqual([expect.objectContaining({ rule: 'R-CB-2', dueAt: addDays(VISIT_AT, 7) })]);
  });

  it('never queues a kind of call the customer refused, and withdraws those already queued', async () => {
    const { customerId } = await customerWithVisit();
    expect((await callbackOf(customerId, 'lapsed')).length).toBe(6);
    await app.http.post(`/api/v1/customers/${customerId}/contact-preferences`).set('Authorization', advisor()).send({ doNotCall: ['lapsed'], reason: 'asked on the phone' }).expect(200);
    await settled();
    expect(await callbackOf(customerId, 'lapsed')).toEqual([]);
    const manual = await app.http.post('/api/v1/callbacks').set('Authorization', agent()).send({ customerId, type: 'lapsed', dueAt: '2026-04-01T09:00:00.000Z' }).expect(409);
    expect(manual.body.code).toBe('CALLBACK.DO_NOT_CALL');
    // The care plan says why: the scheduler's decision for the preference change.
    const plan = await app.http.get(`/api/v1/care-plans/${customerId}`).set('Authorization', manager()).expect(200);
    const decision = plan.body.revisions.find((r: { causationType: string }) => r.causationType === 'ContactPreferencesSet');
    expect(decision.withdrawn).toHaveLength(6);
    expect(decision.withdrawn.every((w: { reason: string }) => w.reason === 'do_not_call')).toBe(true);
  });

  it("routes a VIP's callbacks to their advisor and puts sensitive customers first on the day (R-CB-11)", async () => {
    const plain = await customerWithVisit();
    const vip = await customerWithVisit();
    await app.http.post(`/api/v1/customers/${vip.customerId}/sensitive-flags`).set('Authorization', manager()).send({ kind: 'vip', reason: 'fleet buyer' }).expect(200);
    await settled();
    const day = await queue({ asOf: '2026-03-12T23:59:59.000Z', type: 'post_service' });
    const order = day.items.map((i) => i.customerId).filter((id) => id === plain.customerId || id === vip.customerId);
    expect(order).toEqual([vip.customerId, plain.customerId]);
    const routed = await queue({ asOf: '2026-03-12T23:59:59.000Z', agentId: 'sa-li' });
    expect(routed.items.filter((i) => i.customerId === vip.customerId)).toEqual([expect.objectContaining({ priority: 'high', assigneeId: 'sa-li', type: 'post_service' })]);
    const [call] = routed.items.filter((i) => i.customerId === vip.customerId);
    const refused = await app.http.post(`/api/v1/callbacks/${call.id}/claim`).set('Authorization', agent()).expect(409);
    expect(refused.body.code).toBe('CALLBACK.ASSIGNED_TO_OTHER');
  });

  it('schedules a callback by hand, pages the queue and keeps other dealers out', async () => {
    const { customerId } = await customerWithVisit();
    const created = await app.http.post('/api/v1/callbacks').set('Authorization', agent()).send({ customerId, type: 'manual', dueAt: '2026-03-10T08:00:00.000Z', notes: 'call back after 6 pm' }).expect(201);
    expect(created.headers.location).toBe(`/api/v1/callbacks/${created.body.id}`);
    await settled();
    const res = await app.http.get(`/api/v1/callbacks/${created.body.id}`).set('Authorization', agent()).expect(200);
    expect(res.body).toMatchObject({ rule: 'manual', type: 'manual', notes: 'call back after 6 pm', status: 'scheduled' });
    const page1 = await app.http.get('/api/v1/callbacks/queue').query({ asOf: '2027-12-31T00:00:00.000Z', limit: '2' }).set('Authorization', agent()).expect(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await app.http.get('/api/v1/callbacks/queue').query({ asOf: '2027-12-31T00:00:00.000Z', limit: '2', cursor: page1.body.nextCursor }).set('Authorization', agent()).expect(200);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[1].id);
    const keys = [...page1.body.items, ...page2.body.items].map((i: { dueAt: string }) => i.dueAt.slice(0, 10));
    expect([...keys].sort()).toEqual(keys);
    await app.http.get(`/api/v1/callbacks/${created.body.id}`).set('Authorization', app.token('callback_agent', { dealerId: 'D2' })).expect(403);
    const d2 = await app.http.get('/api/v1/callbacks/queue').query({ asOf: '2027-12-31T00:00:00.000Z' }).set('Authorization', app.token('callback_agent', { dealerId: 'D2' })).expect(200);
    expect(d2.body.items).toEqual([]);
  });

  it('invites the targeted customers 2 weeks before a club event, and asks for the letter after the call (R-CB-10)', async () => {
    const { customerId } = await customerWithVisit();
    const announced = await app.http
      .post('/api/v1/care-events')
      .set('Authorization', manager())
      .send({ kind: 'club', title: 'Spring self-drive trip', startsAt: '2026-05-16T01:00:00.000Z', customerIds: [customerId] })
      .expect(201);
    await settled();
    const [invitation] = await callbackOf(customerId, 'event_invitation');
    expect(invitation).toMatchObject({ rule: 'R-CB-10', dueAt: '2026-05-02T01:00:00.000Z', subject: { careEventId: announced.body.id } });
    clock.set('2026-05-02T02:00:00.000Z');
    await app.http.post(`/api/v1/callbacks/${invitation.id}/claim`).set('Authorization', agent()).expect(200);
    await app.http.post(`/api/v1/callbacks/${invitation.id}/attempts`).set('Authorization', agent()).send({ reached: true, satisfaction: 5 }).expect(200);
    await settled();
    const res = await app.http.get(`/api/v1/callbacks/${invitation.id}`).set('Authorization', agent()).expect(200);
    expect(res.body).toMatchObject({ status: 'done', letterDueAt: '2026-05-04T02:00:00.000Z' });
    await app.http.post('/api/v1/care-events').set('Authorization', agent()).send({ kind: 'club', title: 'x', startsAt: '2026-05-16T01:00:00.000Z', customerIds: [customerId] }).expect(403);
  });

  it('reports callback, satisfaction and complaint rates and the weighted CSI, over REST, GraphQL and the daily CSV (R-CB-13)', async () => {
    const { customerId } = await customerWithVisit();
    const [call] = await callbackOf(customerId, 'post_service');
    clock.set('2026-03-12T11:00:00.000Z');
    await app.http.post(`/api/v1/callbacks/${call.id}/claim`).set('Authorization', agent('agent-qian')).expect(200);
    await app.http
      .post(`/api/v1/callbacks/${call.id}/attempts`)
      .set('Authorization', agent('agent-qian'))
      .send({ reached: true, satisfaction: 5, feedback: 'praise', notes: 'Li was very helpful', csi: { customer_friendliness: 10, product_problems: 8, service_quality: 9 } })
      .expect(200);
    await settled();
    const report = await app.http.get('/api/v1/reports/callbacks').query({ dealerId: 'D1', from: '2026-03-12', to: '2026-03-12' }).set('Authorization', manager()).expect(200);
    expect(report.body.due).toBeGreaterThanOrEqual(1);
    const qian = report.body.byAgent.find((a: { agentId: string }) => a.agentId === 'agent-qian');
    expect(qian).toMatchObject({ due: 1, done: 1, reached: 1, rated: 1, satisfied: 1, complaints: 0, callbackRate: 1, satisfactionRate: 1, complaintRate: 0 });
    expect(report.body.callbackRate).toBe(Math.round((report.body.done / report.body.due) * 10000) / 10000);

    const csi = await app.http.get('/api/v1/reports/csi').query({ dealerId: 'D1', advisorId: 'sa-li', from: '2026-03-01', to: '2026-03-31' }).set('Authorization', manager()).expect(200);
    expect(csi.body.factors).toMatchObject({ customer_friendliness: 10, product_problems: 8, service_quality: 9 });
    expect(csi.body.csi).toBe(Math.round(((16 * 10 + 21 * 8 + 15 * 9) / 52) * 10 * 100) / 100);
    expect(csi.body.advisors).toEqual([expect.objectContaining({ advisorId: 'sa-li', praise: 1, serviceScore: 101 })]);

    const gql = await app.http
      .post('/graphql')
      .set('Authorization', manager())
      .send({ query: '{ callbackReport(dealerId: "D1", from: "2026-03-12", to: "2026-03-12") { due done callbackRate byAgent { agentId done } } csiReport(dealerId: "D1", advisorId: "sa-li", from: "2026-03-01", to: "2026-03-31") { csi factors { product_problems } rows { month csi } } }' })
      .expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.callbackReport).toMatchObject({ due: report.body.due, done: report.body.done });
    expect(gql.body.data.csiReport).toMatchObject({ csi: csi.body.csi, factors: { product_problems: 8 }, rows: [{ month: '2026-03', csi: csi.body.csi }] });

    const sheet = await app.http.get('/api/v1/reports/callbacks/daily.csv').query({ dealerId: 'D1', date: '2026-03-12' }).set('Authorization', manager()).expect(200);
    expect(sheet.headers['content-type']).toMatch(/text\/csv/);
    const lines = sheet.text.trim().split('\r\n');
    expect(lines[0].split(',')).toContain('satisfaction');
    expect(lines.find((l) => l.startsWith(call.id))).toContain('Li was very helpful');
  });

  it('serves the queue over GraphQL with the same order and filters', async () => {
    const res = await app.http
      .post('/graphql')
      .set('Authorization', agent())
      .send({ query: '{ callbackQueue(asOf: "2026-03-31T00:00:00.000Z", type: "post_service", first: 3) { items { id type dueAt priority status } nextCursor asOf } }' })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.callbackQueue.items.length).toBeGreaterThan(0);
    expect(res.body.data.callbackQueue.items.every((i: { type: string }) => i.type === 'post_service')).toBe(true);
  });
});
