import { startApp, E2eApp } from '../support/e2e-app';
import { createCustomerFile, registerDealers, scenarioOptions, VIN } from './customer-file.scenario';
import { eventsWithCorrelation, newCorrelationId } from '../support/event-assertions';

describe('the customer file over HTTP', () => {
  let app: E2eApp;
  const advisorD1 = () => app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
  const advisorD2 = () => app.token('service_advisor', { dealerId: 'D2', sub: 'sa-zhou' });

  beforeAll(async () => {
    app = await startApp(scenarioOptions());
    await registerDealers(app);
  });
  afterAll(async () => app?.stop());

  describe('a customer with a vehicle and a visit', () => {
    let customerId: string;

    beforeAll(async () => {
      ({ customerId } = await createCustomerFile(app));
    });

    it('reads the customer back over REST right after the commands, with vehicles and visit summary', async () => {
      const res = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisorD1()).expect(200);
      // The customer stream holds only the registration; vehicle and visit have streams of their own.
      expect(res.headers.etag).toBe('"0"');
      expect(res.body).toMatchObject({
        id: customerId,
        dealerId: 'D1',
        name: '王建国',
        vehicles: [{ vin: VIN, plate: '沪A12345', model: 'Lavida', deliveredAt: '2025-03-10T00:00:00.000Z', warrantyEndsAt: '2027-03-10T00:00:00.000Z', warrantyKm: 40000 }],
        visits: { count: 1, lastVisitAt: '2026-03-09T10:00:00.000Z', spend: 680 },
        sensitiveFlags: [],
        revision: 0,
      });
    });

    it('answers a create with 201, the id, the revision, a Location and an ETag', async () => {
      const res = await app.http.post('/api/v1/customers').set('Authorization', advisorD1()).send({ name: '李梅', phone: '13900000001' }).expect(201);
      expect(res.body).toEqual({ id: expect.any(String), revision: 0 });
      expect(res.headers.location).toBe(`/api/v1/customers/${res.body.id}`);
      expect(res.headers.etag).toBe('"0"');
      expect(res.headers['x-event-position']).toMatch(/^\d+$/);
    });

    it('points a new vehicle and a new visit at where they can be read', async () => {
      const profile = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisorD1()).expect(200);
      const visitId = profile.body.visitHistory[0].visitId;
      const vehicle = await app.http.get(`/api/v1/vehicles/${VIN}`).set('Authorization', advisorD1()).expect(200);
      expect(vehicle.body).toMatchObject({ vin: VIN, customerId, dealerId: 'D1', visits: [expect.objectContaining({ visitId, odometerKm: 7400 })] });
      const visit = await app.http.get(`/api/v1/vehicles/${VIN}/visits/${visitId}`).set('Authorization', advisorD1()).expect(200);
      expect(visit.body).toMatchObject({ id: visitId, type: 'periodic_maintenance', amount: 680, lateFile: false });
      await app.http.get(`/api/v1/vehicles/${VIN}`).set('Authorization', advisorD2()).expect(403);
    });

    it('reads the same customer over GraphQL', async () => {
      const res = await app.http
        .post('/graphql')
        .set('Authorization', advisorD1())
        .send({ query: `{ customer(id: "${customerId}") { id name vehicles { vin warrantyEndsAt } visits { count spend } revision } }` })
        .expect(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.customer).toEqual({ id: customerId, name: '王建国', vehicles: [{ vin: VIN, warrantyEndsAt: '2027-03-10T00:00:00.000Z' }], visits: { count: 1, spend: 680 }, revision: 0 });
    });

    it('answers a visit with a Location that reads it back', async () => {
      const res = await app.http
        .post(`/api/v1/vehicles/${VIN}/visits`)
        .set('Authorization', advisorD1())
        .send({ occurredAt: '2026-03-09T16:00:00.000Z', odometerKm: 7450, type: 'accessories', amount: 300, advisorId: 'sa-li' })
        .expect(201);
      expect(res.headers.location).toBe(`/api/v1/vehicles/${VIN}/visits/${res.body.id}`);
      await app.http.get(res.headers.location).set('Authorization', advisorD1()).expect(200);
    });

    it('books an appointment, reads it at its Location, and records it kept once', async () => {
      const booked = await app.http
        .post(`/api/v1/customers/${customerId}/appointments`)
        .set('Authorization', advisorD1())
        .send({ scheduledFor: '2026-03-12T09:00:00+08:00', purpose: 'periodic maintenance' })
        .expect(201);
      const read = await app.http.get(booked.headers.location).set('Authorization', advisorD1()).expect(200);
      expect(read.body).toMatchObject({ id: booked.body.id, customerId, status: 'booked', scheduledFor: '2026-03-12T01:00:00.000Z' });
      await app.http.post(`/api/v1/appointments/${booked.body.id}/kept`).set('Authorization', advisorD1()).send({}).expect(200);
      const again = await app.http.post(`/api/v1/appointments/${booked.body.id}/missed`).set('Authorization', advisorD1()).send({ excuse: 'x' }).expect(409);
      expect(again.body.code).toBe('APPOINTMENT.ALREADY_SETTLED');
      const profile = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisorD1()).expect(200);
      expect(profile.body.appointments).toMatchObject({ booked: 1, kept: 1, missed: 0 });
      expect(profile.body.appointmentHistory).toEqual([expect.objectContaining({ appointmentId: booked.body.id, status: 'kept' })]);
    });

    it('finds the customer by phone, last four digits, VIN or plate', async () => {
      for (const q of ['13800138000', '8000', VIN, '183294', '沪A12345']) {
        const res = await app.http.get('/api/v1/customers').query({ q }).set('Authorization', advisorD1()).expect(200);
        expect(res.body.items.map((c: { id: string }) => c.id)).toContain(customerId);
      }
    });

    it('lists customers over GraphQL with first/after paging', async () => {
      const res = await app.http
        .post('/graphql')
        .set('Authorization', advisorD1())
        .send({ query: '{ customers(first: 1) { items { id dealerId } nextCursor } }' })
        .expect(200);
      expect(res.body.data.customers.items).toHaveLength(1);
      expect(res.body.data.customers.nextCursor).toEqual(expect.any(String));
    });

    it("refuses another dealer's advisor with 403", async () => {
      const res = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisorD2()).expect(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 403, code: expect.any(String) });
    });

    it("refuses a visit to another dealer's vehicle with 403 and writes nothing", async () => {
      const correlationId = newCorrelationId();
      await app.http
        .post(`/api/v1/vehicles/${VIN}/visits`)
        .set('Authorization', advisorD2())
        .set('X-Correlation-Id', correlationId)
        .send({ occurredAt: '2026-03-09T12:00:00.000Z', odometerKm: 7500, type: 'minor_repair', amount: 100, advisorId: 'sa-zhou' })
        .expect(403);
      expect(await eventsWithCorrelation(app.eventStore, correlationId)).toBe(0);
    });

    it("shows an OEM role of the dealer's region the customer, and refuses another region", async () => {
      await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', app.token('regional_service_manager', { region: 'east' })).expect(200);
      await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', app.token('regional_service_manager', { region: 'south' })).expect(403);
    });

    it('keeps other dealers out of the customer list', async () => {
      const res = await app.http.get('/api/v1/customers').set('Authorization', advisorD2()).expect(200);
      expect(res.body.items.map((c: { dealerId: string }) => c.dealerId).every((d: string) => d === 'D2')).toBe(true);
    });

    it('refuses an odometer going backwards with 409 and the rule code', async () => {
      const res = await app.http
        .post(`/api/v1/vehicles/${VIN}/visits`)
        .set('Authorization', advisorD1())
        .send({ occurredAt: '2026-03-10T08:00:00.000Z', odometerKm: 7000, type: 'minor_repair', amount: 150, advisorId: 'sa-li' })
        .expect(409);
      expect(res.body).toMatchObject({ status: 409, code: 'VEHICLE.ODOMETER_BACKWARDS' });
    });

    it('answers a stale If-Match with 412 and changes nothing', async () => {
      const correlationId = newCorrelationId();
      await app.http
        .post(`/api/v1/customers/${customerId}/sensitive-flags`)
        .set('Authorization', advisorD1())
        .set('X-Correlation-Id', correlationId)
        .set('If-Match', '"7"')
        .send({ kind: 'media', reason: 'journalist' })
        .expect(412);
      expect(await eventsWithCorrelation(app.eventStore, correlationId)).toBe(0);
    });

    it('accepts a current If-Match and answers the new revision as ETag', async () => {
      const current = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisorD1()).expect(200);
      const res = await app.http
        .post(`/api/v1/customers/${customerId}/sensitive-flags`)
        .set('Authorization', advisorD1())
        .set('If-Match', current.headers.etag)
        .send({ kind: 'demanding', reason: 'complained twice about waiting times' })
        .expect(200);
      expect(res.headers.etag).toBe(`"${res.body.revision}"`);
      const after = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', advisorD1()).expect(200);
      expect(after.body.sensitiveFlags).toEqual([expect.objectContaining({ kind: 'demanding', flaggedBy: 'sa-li', flaggedByRole: 'service_advisor' })]);
    });

    it('records the actor of every command in the event metadata', async () => {
      const events = await app.eventStore.readStream(`customer-${customerId}`);
      expect(events[0].metadata.actor).toMatchObject({ id: 'sa-li', role: 'service_advisor', dealerId: 'D1' });
      expect(events[0].metadata.dealerId).toBe('D1');
    });
  });

  describe('bad input', () => {
    it('answers 400 with a field list for a missing and an unknown field, and writes nothing', async () => {
      const correlationId = newCorrelationId();
      const res = await app.http
        .post('/api/v1/customers')
        .set('Authorization', advisorD1())
        .set('X-Correlation-Id', correlationId)
        .send({ phone: '13800000000', shoeSize: 42 })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'shoeSize']));
      expect(await eventsWithCorrelation(app.eventStore, correlationId)).toBe(0);
    });

    it('refuses a VIN with I, O or Q with 400 naming the vin field', async () => {
      const { body } = await app.http.post('/api/v1/customers').set('Authorization', advisorD1()).send({ name: '赵六', phone: '13700000000' }).expect(201);
      const res = await app.http
        .post(`/api/v1/customers/${body.id}/vehicles`)
        .set('Authorization', advisorD1())
        .send({ vin: 'LSVAU2180N21832O4', plate: '沪B1', model: 'Polo', purchaseDate: '2025-01-01', deliveredAt: '2025-01-02', warrantyMonths: 24, warrantyKm: 40000 })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('vin');
    });

    it('accepts but flags a VIN whose check digit fails', async () => {
      const { body } = await app.http.post('/api/v1/customers').set('Authorization', advisorD1()).send({ name: '钱七', phone: '13700000001' }).expect(201);
      const vin = 'LSVAU2180N2183295';
      await app.http
        .post(`/api/v1/customers/${body.id}/vehicles`)
        .set('Authorization', advisorD1())
        .send({ vin, plate: '沪C1', model: 'Polo', purchaseDate: '2025-01-01', deliveredAt: '2025-01-02', warrantyMonths: 24, warrantyKm: 40000 })
        .expect(201);
      const profile = await app.http.get(`/api/v1/customers/${body.id}`).set('Authorization', advisorD1()).expect(200);
      expect(profile.body.vehicles[0]).toMatchObject({ vin, vinCheckDigitValid: false });
    });

    it('refuses a visit dated in the future with 400', async () => {
      const res = await app.http
        .post(`/api/v1/vehicles/${VIN}/visits`)
        .set('Authorization', advisorD1())
        .send({ occurredAt: '2026-03-11T09:00:00.000Z', odometerKm: 9000, type: 'minor_repair', amount: 100, advisorId: 'sa-li' })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('occurredAt');
    });

    it('refuses a visit type outside the DOMAIN.md list with 400', async () => {
      const res = await app.http
        .post(`/api/v1/vehicles/${VIN}/visits`)
        .set('Authorization', advisorD1())
        .send({ occurredAt: '2026-03-10T08:00:00.000Z', odometerKm: 9000, type: 'car_wash', amount: 30, advisorId: 'sa-li' })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('type');
    });

    it('answers 400, not 500, to a body nested thousands of levels deep, and writes nothing', async () => {
      const correlationId = newCorrelationId();
      const deep = `{"name":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)},"phone":"13800000000"}`;
      const res = await app.http
        .post('/api/v1/customers')
        .set('Authorization', advisorD1())
        .set('X-Correlation-Id', correlationId)
        .set('Content-Type', 'application/json')
        .send(deep)
        .expect(400);
      expect(res.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
      expect(await eventsWithCorrelation(app.eventStore, correlationId)).toBe(0);
    });

    it('refuses fields named like Object.prototype members as unknown fields', async () => {
      const res = await app.http.post('/api/v1/customers').set('Authorization', advisorD1()).send({ name: 'A', phone: '13800000000', constructor: { x: 1 } }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('constructor');
    });

    it('refuses a birth date in the future and a name of blanks', async () => {
      const res = await app.http.post('/api/v1/customers').set('Authorization', advisorD1()).send({ name: '   ', phone: '13800000000', birthDate: '2099-01-01' }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['name', 'birthDate']));
    });

    it('refuses a vehicle delivered in the future or before it was bought', async () => {
      const { body } = await app.http.post('/api/v1/customers').set('Authorization', advisorD1()).send({ name: '冯十一', phone: '13700000002' }).expect(201);
      const vehicle = { vin: 'LSVAU2180N2183296', plate: '沪D1', model: 'Polo', purchaseDate: '2025-01-01', deliveredAt: '2099-01-02', warrantyMonths: 24, warrantyKm: 40000 };
      const future = await app.http.post(`/api/v1/customers/${body.id}/vehicles`).set('Authorization', advisorD1()).send(vehicle).expect(400);
      expect(future.body.errors.map((e: { field: string }) => e.field)).toContain('deliveredAt');
      const early = await app.http.post(`/api/v1/customers/${body.id}/vehicles`).set('Authorization', advisorD1()).send({ ...vehicle, deliveredAt: '2024-12-01' }).expect(400);
      expect(early.body.errors.map((e: { field: string }) => e.field)).toContain('deliveredAt');
    });

    it("refuses a referral of another dealer's customer with 403", async () => {
      const mine = await app.http.post('/api/v1/customers').set('Authorization', advisorD1()).send({ name: '陈一', phone: '13700000003' }).expect(201);
      const theirs = await app.http.post('/api/v1/customers').set('Authorization', advisorD2()).send({ name: '陈二', phone: '13700000004' }).expect(201);
      const res = await app.http.post(`/api/v1/customers/${mine.body.id}/referrals`).set('Authorization', advisorD1()).send({ referredCustomerId: theirs.body.id }).expect(403);
      expect(res.body.code).toBe('AUTH.OUT_OF_SCOPE');
    });

    it('refuses an admin registering a customer for a dealer that is not registered', async () => {
      const res = await app.http.post('/api/v1/customers').set('Authorization', app.token('admin')).send({ name: 'Ghost', phone: '13800000002', dealerId: 'NOPE' }).expect(422);
      expect(res.body.code).toBe('DEALER.NOT_FOUND');
    });

    it('answers 401 without a token', async () => {
      const res = await app.http.get('/api/v1/customers').expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('answers 403 to an auditor trying to write', async () => {
      await app.http.post('/api/v1/customers').set('Authorization', app.token('auditor')).send({ name: 'x', phone: '13800000000' }).expect(403);
    });

    it('answers 404 for an unknown customer', async () => {
      await app.http.get('/api/v1/customers/no-such-customer').set('Authorization', advisorD1()).expect(404);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer for the same key and body, and appends nothing', async () => {
      const send = () =>
        app.http.post('/api/v1/customers').set('Authorization', advisorD1()).set('Idempotency-Key', 'intake-7781').send({ name: '孙八', phone: '13600000000' });
      const first = await send().expect(201);
      const second = await send().expect(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.location).toBe(first.headers.location);
      // Reactions may append their own events meanwhile; what matters is this stream.
      const stream = await app.eventStore.readStream(`customer-${first.body.id}`);
      expect(stream.map((e) => e.type)).toEqual(['CustomerRegistered']);
    });

    it('answers 422 for the same key with a different body', async () => {
      await app.http.post('/api/v1/customers').set('Authorization', advisorD1()).set('Idempotency-Key', 'intake-7782').send({ name: '周九', phone: '13600000001' }).expect(201);
      const res = await app.http
        .post('/api/v1/customers')
        .set('Authorization', advisorD1())
        .set('Idempotency-Key', 'intake-7782')
        .send({ name: '周九', phone: '13600000002' })
        .expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('records a retried visit once', async () => {
      const send = () =>
        app.http
          .post(`/api/v1/vehicles/${VIN}/visits`)
          .set('Authorization', advisorD1())
          .set('Idempotency-Key', 'visit-retry-1')
          .send({ occurredAt: '2026-03-10T08:30:00.000Z', odometerKm: 7600, type: 'minor_repair', amount: 120, advisorId: 'sa-li' });
      const first = await send().expect(201);
      const second = await send().expect(201);
      expect(second.body.id).toBe(first.body.id);
      const visits = (await app.eventStore.readStream(`vehicle-${VIN}`)).filter((e) => e.type === 'VisitRecorded');
      expect(visits.filter((e) => e.data.visitId === first.body.id)).toHaveLength(1);
    });
  });
});

describe('the customer file across a restart', () => {
  it('keeps every customer, vehicle and visit when the app stops and starts on the same data dir', async () => {
    let app = await startApp(scenarioOptions());
    try {
      await registerDealers(app);
      const { customerId } = await createCustomerFile(app);
      const before = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', app.token('admin')).expect(200);
      app = await app.restart();
      const after = await app.http.get(`/api/v1/customers/${customerId}`).set('Authorization', app.token('admin')).expect(200);
      expect(after.body).toEqual(before.body);
      await app.http
        .post(`/api/v1/vehicles/${VIN}/visits`)
        .set('Authorization', app.token('service_advisor', { dealerId: 'D1' }))
        .send({ occurredAt: '2026-03-10T08:00:00.000Z', odometerKm: 7700, type: 'minor_repair', amount: 90, advisorId: 'sa-li' })
        .expect(201);
    } finally {
      await app.stop();
    }
  });
});
