import { FixedClock } from '@aftercare/kernel';
import { startApp, E2eApp } from '../support/e2e-app';
import { createCustomerFile, registerDealers, VIN } from '../customers/customer-file.scenario';

const HOUR = 3_600_000;

/**
 * Issue #8 "as-of reconstruction equals the read model at that time", for every
 * registered kind but customer (audit-history.e2e-spec.ts): the live read of a
 * record is taken at an instant T, the record moves on, and
 * GET /audit/{kind}/{id}/as-of?at=T must give back exactly what the live read gave.
 */
describe('as-of reconstruction equals the live read model at that time', () => {
  let app: E2eApp;
  let clock: FixedClock;
  let customerId: string;
  let complaintId: string;
  const auditor = () => app.token('auditor', { sub: 'aud-1' });
  const advisor = () => app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
  const manager = () => app.token('customer_service_manager', { dealerId: 'D1', sub: 'csm-zhao' });
  const agent = () => app.token('callback_agent', { dealerId: 'D1', sub: 'cb-wu' });
  const director = () => app.token('service_director', { dealerId: 'D1', sub: 'sd-li' });
  const afterSales = () => app.token('oem_after_sales', { region: 'east', sub: 'as-qian' });

  const post = (path: string, token: string, body: object = {}) => app.http.post(`/api/v1${path}`).set('Authorization', token).send(body);
  const get = (path: string, token: string) => app.http.get(`/api/v1${path}`).set('Authorization', token);
  /** Projections caught up, and the reactions' answers to what was written projected too. */
  const settle = async () => {
    await app.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await app.caughtUp();
  };
  const asOf = (kind: string, id: string, at: string, token = auditor()) => get(`/audit/${kind}/${id}/as-of?at=${encodeURIComponent(at)}`, token);

  /** Reads the record live at the clock's instant, lets `moveOn` change it, and compares the as-of read of that instant. */
  async function expectAsOfEqualsLive(kind: string, id: string, livePath: string, token: string, moveOn: () => Promise<void>) {
    await settle();
    const at = clock.now().toISOString();
    const live = (await get(livePath, token).expect(200)).body;
    clock.advance(HOUR);
    await moveOn();
    await settle();
    const later = (await get(livePath, token).expect(200)).body;
    // The record did move on: the comparison below could fail.
    expect(later).not.toEqual(live);
    const then = await asOf(kind, id, at, token).expect(200);
    expect(then.body).toEqual(live);
    // And as of now it is the live read again.
    expect((await asOf(kind, id, clock.now().toISOString(), token).expect(200)).body).toEqual(later);
  }

  beforeAll(async () => {
    clock = new FixedClock('2026-03-10T09:00:00.000Z');
    app = await startApp({ clock, env: { LOG_LEVEL: 'error' } });
    await registerDealers(app);
    ({ customerId } = await createCustomerFile(app));
    await settle();
  });
  afterAll(async () => app?.stop());

  it('complaint: GET /audit/complaint/{id}/as-of gives GET /complaints/{id} as it was', async () => {
    clock.advance(HOUR);
    const id = (
      await post('/complaints', advisor(), {
        customerId, vin: VIN, channel: 'phone', subject: 'repair_quality', description: 'noise after the service', expectedResolution: 'fix it', severity: 'normal',
      }).expect(201)
    ).body.id as string;
    complaintId = id;
    clock.advance(HOUR);
    await post(`/complaints/${id}/acknowledgement`, manager(), { message: 'sorry, we will call you back', replyBy: '2026-03-11T18:00:00.000Z' }).expect(200);
    await expectAsOfEqualsLive('complaint', id, `/complaints/${id}`, auditor(), async () => {
      await post(`/complaints/${id}/interim-replies`, agent(), { message: 'we are reviewing the diagnosis' }).expect(200);
    });
  });

  it('claim: GET /audit/claim/{id}/as-of gives GET /claims/{id} as it was, sign-offs so far included', async () => {
    clock.advance(HOUR);
    const majorComplaint = (
      await post('/complaints', advisor(), {
        customerId, vin: VIN, channel: 'phone', subject: 'product_quality', description: 'the engine seized', expectedResolution: 'pay the towing', severity: 'major',
      }).expect(201)
    ).body.id as string;
    clock.advance(HOUR);
    const id = (
      await post('/claims/goodwill-compensation', director(), {
        complaintId: majorComplaint, amount: 12000, currency: 'CNY',
        breakdown: [
          { kind: 'customer_loss', description: 'towing and a hotel night', amount: 2000 },
          { kind: 'repair', description: 'engine repair', amount: 10000 },
        ],
      }).expect(201)
    ).body.id as string;
    clock.advance(HOUR);
    await post(`/claims/${id}/waiver`, director(), { documentRef: 'DMS-WAIVER-0042', signedAt: clock.now().toISOString() }).expect(200);
    await expectAsOfEqualsLive('claim', id, `/claims/${id}`, auditor(), async () => {
      await post(`/claims/${id}/waiver/confirmation`, afterSales(), { comment: 'signed copy checked on site' }).expect(200);
    });
  });

  it('callback: GET /audit/callback/{id}/as-of gives GET /callbacks/{id} as it was', async () => {
    clock.advance(HOUR);
    const id = (await post('/callbacks', agent(), { customerId, type: 'manual', dueAt: clock.now().toISOString(), notes: 'call back after 6 pm' }).expect(201)).body.id as string;
    clock.advance(HOUR);
    await post(`/callbacks/${id}/claim`, agent()).expect(200);
    await expectAsOfEqualsLive('callback', id, `/callbacks/${id}`, auditor(), async () => {
      await post(`/callbacks/${id}/attempts`, agent(), { reached: false, notes: 'no answer' }).expect(200);
    });
  });

  it('member: GET /audit/member/{id}/as-of gives GET /members/{id} as it was', async () => {
    clock.advance(HOUR);
    const id = (await post('/members', advisor(), { customerId }).expect(201)).body.id as string;
    await expectAsOfEqualsLive('member', id, `/members/${id}`, auditor(), async () => {
      await post(`/vehicles/${VIN}/visits`, advisor(), { occurredAt: clock.now().toISOString(), odometerKm: 9100, type: 'periodic_maintenance', amount: 1200, advisorId: 'sa-li' }).expect(201);
    });
  });

  it('keeps another dealer out of a rebuilt record of these kinds too', async () => {
    await asOf('complaint', complaintId, clock.now().toISOString(), app.token('customer_service_manager', { dealerId: 'D2', sub: 'csm-zhou' })).expect(403);
    await asOf('complaint', complaintId, clock.now().toISOString(), manager()).expect(200);
  });
});
