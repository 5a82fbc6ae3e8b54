import { FixedClock, type Role } from '@aftercare/kernel';
import { E2eApp, startApp } from '../support/e2e-app';
import { NOW, registerDealers } from '../customers/customer-file.scenario';

const PHONE = '13912345678';
const MASKED_PHONE = '139****5678';
const NATIONAL_ID = '310115198704126831';
const MASKED_ID = '310***********6831';

describe('national ids and phones, masked for roles that do not need them', () => {
  let app: E2eApp;
  let customerId: string;
  const as = (role: Role, claims: { dealerId?: string; region?: string } = {}) => app.token(role, claims);

  beforeAll(async () => {
    app = await startApp({ clock: new FixedClock(NOW) });
    await registerDealers(app);
    const res = await app.http
      .post('/api/v1/customers')
      .set('Authorization', as('service_advisor', { dealerId: 'D1' }))
      .send({ name: '王建国', phone: PHONE, nationalId: NATIONAL_ID })
      .expect(201);
    customerId = res.body.id;
    await app.caughtUp();
  });
  afterAll(() => app?.stop());

  const get = async (token: string) => (await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', token).expect(200)).body;

  it('shows a service advisor and a customer service manager both in full', async () => {
    for (const role of ['service_advisor', 'customer_service_manager'] as const) {
      expect(await get(as(role, { dealerId: 'D1' }))).toMatchObject({ phone: PHONE, nationalId: NATIONAL_ID });
    }
  });

  it('shows a callback agent the phone in full and the national id masked', async () => {
    expect(await get(as('callback_agent', { dealerId: 'D1' }))).toMatchObject({ phone: PHONE, nationalId: MASKED_ID });
  });

  it('masks both for OEM roles and auditors, in the profile and in the list', async () => {
    for (const token of [as('regional_service_manager', { region: 'east' }), as('oem_leadership', { region: 'east' }), as('auditor')]) {
      expect(await get(token)).toMatchObject({ name: '王建国', phone: MASKED_PHONE, nationalId: MASKED_ID });
      const list = await app.http.get('/api/v1/customers').set('Authorization', token).expect(200);
      expect(list.body.items.find((c: { id: string }) => c.id === customerId)).toMatchObject({ phone: MASKED_PHONE, nationalId: MASKED_ID });
    }
  });

  it('masks both over GraphQL for an OEM role', async () => {
    const res = await app.http
      .post('/graphql')
      .set('Authorization', as('regional_service_manager', { region: 'east' }))
      .send({ query: `{ customer(id: "${customerId}") { phone nationalId } customers { items { id phone } } }` })
      .expect(200);
    expect(res.body.data.customer).toEqual({ phone: MASKED_PHONE, nationalId: MASKED_ID });
    expect(res.body.data.customers.items.find((c: { id: string }) => c.id === customerId)).toEqual({ id: customerId, phone: MASKED_PHONE });
  });

  it('masks both in the as-of answer and in the event history an auditor reads', async () => {
    const asOf = await app.http.get(`/api/v1/audit/customer/${customerId}/as-of`).query({ at: NOW }).set('Authorization', as('auditor')).expect(200);
    expect(asOf.body).toMatchObject({ phone: MASKED_PHONE, nationalId: MASKED_ID });
    const history = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).set('Authorization', as('auditor')).expect(200);
    expect(history.body.items[0].data).toMatchObject({ phone: MASKED_PHONE, nationalId: MASKED_ID });
    const full = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).set('Authorization', as('admin')).expect(200);
    expect(full.body.items[0].data).toMatchObject({ phone: PHONE, nationalId: NATIONAL_ID });
  });
});
