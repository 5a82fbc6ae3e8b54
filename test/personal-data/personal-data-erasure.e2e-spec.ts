import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FixedClock } from '@aftercare/kernel';
import { loadConfig, openEventStore } from '@aftercare/platform';
import { ERASED } from '@aftercare/personal-data';
import { E2eApp, startApp } from '../support/e2e-app';
import { NOW, registerDealers, VIN } from '../customers/customer-file.scenario';

/** Distinctive personal data: any of these bytes found in the data dir after erasure is a leak. */
const PII = {
  name: '祝巧 Xylophant-Quimbly',
  phone: '13987654321',
  nationalId: '31011519870412683X',
  email: 'xylophant.quimbly@example.cn',
  address: '88 Quokkagasse, Pudong 上海',
  company: 'Zanzibarian Trading Co',
  birthDate: '1987-04-12',
  bestContactTime: 'after the Yodelling hour',
};
const NEW_PHONE = '13711198765';

/** Every form we store them in: UTF-8 as typed, the normalised search terms, and UTF-16 for good measure. */
function needles(): { label: string; bytes: Buffer }[] {
  const values = [...Object.values(PII), NEW_PHONE, 'xylophant-quimbly', '祝巧xylophant-quimbly', 'xylophantquimbly', 'zanzibariantradingco'];
  return values.flatMap((v) => [
    { label: `${v} (utf-8)`, bytes: Buffer.from(v, 'utf8') },
    { label: `${v} (utf-16le)`, bytes: Buffer.from(v, 'utf16le') },
  ]);
}

/** Which needles occur in which files of the data dir (every file: -wal and -shm included). */
function scan(dir: string, only?: (file: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!only || only(entry.name)) {
        const bytes = fs.readFileSync(file);
        for (const n of needles()) if (bytes.includes(n.bytes)) found.push(`${entry.name}: ${n.label}`);
      }
    }
  };
  walk(dir);
  return found;
}

async function eventually(check: () => string[], timeoutMs = 15_000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  let last = check();
  while (last.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    last = check();
  }
  return last;
}

describe('personal data: encrypted per customer, erased by destroying the key', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-erasure-'));
  let app: E2eApp;
  let customerId: string;
  let advisor: string;
  let manager: string;
  let eventsBefore: number;

  beforeAll(async () => {
    app = await startApp({ clock: new FixedClock(NOW), dataDir });
    await registerDealers(app);
    advisor = app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
    manager = app.token('customer_service_manager', { dealerId: 'D1', sub: 'csm-zhao' });
    const agent = app.token('callback_agent', { dealerId: 'D1', sub: 'agent-wu' });
    const res = await app.http.post('/api/v1/customers').set('Authorization', advisor).send({ ...PII, gender: 'female' }).expect(201);
    customerId = res.body.id;
    await app.http
      .post(`/api/v1/customers/${customerId}/vehicles`)
      .set('Authorization', advisor)
      .send({ vin: VIN, plate: '沪A12345', model: 'Lavida', purchaseDate: '2025-03-01', deliveredAt: '2025-03-10', warrantyMonths: 24, warrantyKm: 40000 })
      .expect(201);
    await app.http
      .post(`/api/v1/vehicles/${VIN}/visits`)
      .set('Authorization', advisor)
      .send({ occurredAt: '2026-03-09T10:00:00.000Z', odometerKm: 7400, type: 'periodic_maintenance', amount: 680, advisorId: 'sa-li' })
      .expect(201);
    await app.http.post(`/api/v1/customers/${customerId}/contact-details`).set('Authorization', advisor).send({ phone: NEW_PHONE }).expect(200);
    await app.http
      .post('/api/v1/complaints')
      .set('Authorization', manager)
      .send({ customerId, vin: VIN, channel: 'phone', subject: 'repair_quality', description: 'the A/C is noisy again', expectedResolution: 'fix it', severity: 'normal' })
      .expect(201);
    const callback = await app.http
      .post('/api/v1/callbacks')
      .set('Authorization', manager)
      .send({ customerId, type: 'manual', dueAt: '2026-03-10T08:00:00.000Z', notes: 'ask about the A/C' })
      .expect(201);
    await app.http.post(`/api/v1/callbacks/${callback.body.id}/claim`).set('Authorization', agent).expect(200);
    await app.http.post(`/api/v1/callbacks/${callback.body.id}/attempts`).set('Authorization', agent).send({ reached: true, satisfaction: 4 }).expect(200);
    await app.caughtUp();
    const history = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).set('Authorization', app.token('admin')).expect(200);
    eventsBefore = history.body.items.length;
  });

  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores only ciphertext of personal data in the event store, while the read models hold it', async () => {
    expect(scan(dataDir, (f) => f.startsWith('events.sqlite'))).toEqual([]);
    // The scan does find plaintext where it is: the customer profile before erasure.
    expect(scan(dataDir, (f) => f.startsWith('read-models.sqlite')).length).toBeGreaterThan(0);
    const [registered] = await app.eventStore.readStream(`customer-${customerId}`, { limit: 1 });
    expect(registered.data).toMatchObject({ customerId, dealerId: 'D1', name: PII.name, nationalId: PII.nationalId });
    expect(registered.metadata.schemaVersion).toBe(2);
  });

  it('finds the customer by name and phone before erasure', async () => {
    const byName = await app.http.get('/api/v1/customers').query({ q: 'Xylophant-Quimbly' }).set('Authorization', advisor).expect(200);
    expect(byName.body.items.map((c: { id: string }) => c.id)).toEqual([customerId]);
  });

  it('refuses erasure to a service advisor (403) and without a reason (400), writing nothing', async () => {
    await app.http.delete(`/api/v1/customers/${customerId}/personal-data`).set('Authorization', advisor).send({ reason: 'asked' }).expect(403);
    const bad = await app.http.delete(`/api/v1/customers/${customerId}/personal-data`).set('Authorization', manager).send({}).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    await app.http.delete('/api/v1/customers/nobody/personal-data').set('Authorization', manager).send({ reason: 'asked' }).expect(404);
    const history = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).set('Authorization', app.token('admin')).expect(200);
    expect(history.body.items.length).toBe(eventsBefore);
  });

  describe('after DELETE /customers/{id}/personal-data', () => {
    let erasedRevision: number;

    beforeAll(async () => {
      const res = await app.http
        .delete(`/api/v1/customers/${customerId}/personal-data`)
        .set('Authorization', manager)
        .send({ reason: 'the customer asked for erasure (PIPL art. 47)' })
        .expect(200);
      expect(res.body).toEqual({ id: customerId, revision: eventsBefore });
      erasedRevision = res.body.revision;
      await app.caughtUp();
    });

    it('leaves no byte of the personal data in any file of the data dir', async () => {
      expect(await eventually(() => scan(dataDir))).toEqual([]);
    });

    it('shows every personal field as erased and keeps vehicles, visits and counts', async () => {
      const res = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisor).expect(200);
      for (const field of Object.keys(PII)) expect(res.body[field]).toBe(ERASED);
      expect(res.body.gender).toBe(ERASED);
      expect(res.body.personalDataErasedAt).toBe(NOW);
      expect(res.body.dealerId).toBe('D1');
      expect(res.body.vehicles.map((v: { vin: string }) => v.vin)).toEqual([VIN]);
      expect(res.body.visits).toMatchObject({ count: 1, spend: 680 });
    });

    it('shows the erased customer over GraphQL too', async () => {
      const res = await app.http
        .post('/graphql')
        .set('Authorization', advisor)
        .send({ query: `{ customer(id: "${customerId}") { name phone nationalId personalDataErasedAt visits { count } } }` })
        .expect(200);
      expect(res.body.data.customer).toEqual({ name: ERASED, phone: ERASED, nationalId: ERASED, personalDataErasedAt: NOW, visits: { count: 1 } });
    });

    it('no longer finds the customer by name or phone', async () => {
      for (const q of ['Xylophant-Quimbly', PII.phone, NEW_PHONE, '8765']) {
        const res = await app.http.get('/api/v1/customers').query({ q }).set('Authorization', advisor).expect(200);
        expect(res.body.items).toEqual([]);
      }
      const byVin = await app.http.get('/api/v1/customers').query({ q: VIN }).set('Authorization', advisor).expect(200);
      expect(byVin.body.items.map((c: { id: string }) => c.id)).toEqual([customerId]);
    });

    it('keeps the whole history, with erased personal fields and the erasure itself on record', async () => {
      const res = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).set('Authorization', app.token('auditor')).expect(200);
      expect(res.body.items.length).toBe(eventsBefore + 1);
      const [registered] = res.body.items;
      expect(registered.data).toMatchObject({ customerId, dealerId: 'D1', name: ERASED, phone: ERASED, nationalId: ERASED });
      expect(res.body.items.at(-1)).toMatchObject({
        type: 'PersonalDataErased',
        data: { customerId, reason: 'the customer asked for erasure (PIPL art. 47)', erasedBy: 'csm-zhao', erasedByRole: 'customer_service_manager' },
      });
    });

    it('answers the as-of read of before the erasure with erased fields as well', async () => {
      const res = await app.http.get(`/api/v1/audit/customer/${customerId}/as-of`).query({ at: NOW }).set('Authorization', app.token('auditor')).expect(200);
      expect(res.body).toMatchObject({ id: customerId, name: ERASED, phone: ERASED });
    });

    it('still verifies the hash chains: they seal the ciphertext, which erasure does not touch', async () => {
      const res = await app.http.get('/api/v1/audit/verify').query({ streamId: `customer-${customerId}` }).set('Authorization', app.token('auditor')).expect(200);
      expect(res.body).toMatchObject({ ok: true });
    });

    it('answers a repeated DELETE with the same revision and appends nothing', async () => {
      const res = await app.http.delete(`/api/v1/customers/${customerId}/personal-data`).set('Authorization', app.token('admin')).send({ reason: 'again' }).expect(200);
      expect(res.body).toEqual({ id: customerId, revision: erasedRevision });
      const history = await app.http.get(`/api/v1/audit/streams/customer-${customerId}/events`).set('Authorization', app.token('admin')).expect(200);
      expect(history.body.items.length).toBe(eventsBefore + 1);
    });

    it('refuses new contact details for an erased customer with 409', async () => {
      const res = await app.http.post(`/api/v1/customers/${customerId}/contact-details`).set('Authorization', advisor).send({ phone: '13600000000' }).expect(409);
      expect(res.body.code).toBe('CUSTOMER.PERSONAL_DATA_ERASED');
    });

    it('goes on serving the customer: a new visit is recorded and the care schedule reacts without a parked event', async () => {
      await app.http
        .post(`/api/v1/vehicles/${VIN}/visits`)
        .set('Authorization', advisor)
        .send({ occurredAt: '2026-03-10T08:00:00.000Z', odometerKm: 7600, type: 'minor_repair', amount: 120, advisorId: 'sa-li' })
        .expect(201);
      await app.http.post(`/api/v1/customers/${customerId}/contact-preferences`).set('Authorization', advisor).send({ doNotCall: ['lapsed'], reason: 'asked' }).expect(200);
      await app.caughtUp();
      const res = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisor).expect(200);
      expect(res.body.visits.count).toBe(2);
      expect(await app.readStore.collection('_parked').count({})).toBe(0);
    });

    it('keeps no plaintext after a restart either', async () => {
      app = await app.restart();
      await app.caughtUp();
      const res = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisor).expect(200);
      expect(res.body.name).toBe(ERASED);
      expect(await eventually(() => scan(dataDir))).toEqual([]);
    });
  });
});

describe('personal data written before encryption (schemaVersion 1)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-legacy-'));
  let app: E2eApp;
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads a plaintext v1 customer through the upcaster, and erases it like any other', async () => {
    // A data dir of the release before encryption: plaintext personal fields, schemaVersion 1.
    const raw = await openEventStore(loadConfig({ AFTERCARE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    const metadata = (eventId: string) => ({
      eventId, schemaVersion: 1, occurredAt: NOW, recordedAt: NOW, actor: { id: 'sa-old', role: 'service_advisor' as const, dealerId: 'D1' }, dealerId: 'D1', correlationId: 'c', causationId: null,
    });
    await raw.append('customer-legacy1', [{ type: 'CustomerRegistered', data: { customerId: 'legacy1', dealerId: 'D1', name: '老客户 Oldfield', phone: '13500001111', nationalId: '110101198001011234' }, metadata: metadata('00000000-0000-7000-8000-000000000001') }], { expectedRevision: 'no_stream' });
    await raw.append('customer-legacy1', [{ type: 'ContactDetailsChanged', data: { customerId: 'legacy1', phone: '13500002222' }, metadata: metadata('00000000-0000-7000-8000-000000000002') }], { expectedRevision: 0 });
    await raw.close();

    app = await startApp({ clock: new FixedClock(NOW), dataDir });
    await registerDealers(app);
    await app.caughtUp();
    const advisor = app.token('service_advisor', { dealerId: 'D1' });
    const before = await app.http.get('/api/v1/customers/legacy1').set('Authorization', advisor).expect(200);
    expect(before.body).toMatchObject({ name: '老客户 Oldfield', phone: '13500002222', nationalId: '110101198001011234' });

    await app.http.delete('/api/v1/customers/legacy1/personal-data').set('Authorization', app.token('admin')).send({ reason: 'asked' }).expect(200);
    await app.caughtUp();
    const after = await app.http.get('/api/v1/customers/legacy1').set('Authorization', advisor).expect(200);
    expect(after.body).toMatchObject({ name: ERASED, phone: ERASED, nationalId: ERASED });
    const history = await app.http.get('/api/v1/audit/streams/customer-legacy1/events').set('Authorization', app.token('admin')).expect(200);
    expect(history.body.items.map((e: { data: { phone?: string } }) => e.data.phone)).toEqual([ERASED, ERASED, undefined]);
  });
});
