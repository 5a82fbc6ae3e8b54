/**
 * Generated from the authorization matrix (apps/api/src/authorization-matrix.ts)
 * and the routes the app actually registers: every REST/SSE endpoint and every
 * GraphQL root field, called with every role. Admitted → the role check lets it
 * through (exactly 200 where the spec has a record to read); refused → 403 with
 * the role's code, and nothing written. A route without an entry fails here.
 */
import { DEALER_ROLES, FixedClock, isDealerRole, isOemRole, Role, ROLES } from '@aftercare/kernel';
import { AUTHORIZATION } from '../../apps/api/src/authorization-matrix';
import { E2eApp, startApp } from '../support/e2e-app';
import { eventsWithCorrelation, newCorrelationId } from '../support/event-assertions';
import { call, Endpoint, fillPath, graphqlFields, GraphqlField, RawResponse, restEndpoints, subscribeOnce } from '../support/endpoints';

const ROLE_REFUSALS = ['AUTH.ROLE_NOT_ALLOWED', 'AUTH.READ_ONLY_ROLE', 'AUTH.NO_POLICY'];
const VIN = 'LSVAU2180N2183294';

/** Tokens inside D1's scope: dealer roles of D1, OEM roles of its region (east). */
function tokenFor(app: E2eApp, role: Role, where: { dealerId: string; region: string } = { dealerId: 'D1', region: 'east' }): string {
  return app.token(role, { dealerId: isDealerRole(role) ? where.dealerId : undefined, region: isOemRole(role) ? where.region : undefined, sub: `${role}-matrix` });
}

function admitted(key: string, role: Role): boolean {
  const rule = AUTHORIZATION[key];
  return !!rule && (rule.roles === 'public' || rule.roles.includes(role));
}

function codeOf(res: RawResponse): string | undefined {
  const body = res.json as { code?: string; errors?: { extensions?: { code?: string } }[] } | undefined;
  return body?.code ?? body?.errors?.[0]?.extensions?.code;
}

describe('authorization matrix: every endpoint × every role', () => {
  let app: E2eApp;
  /** Path parameters and query strings that name real records of dealer D1. */
  const fixtures: Record<string, { params?: Record<string, string>; query?: string }> = {};
  const ids: Record<string, string> = {};
  let rest: Endpoint[];
  let fields: GraphqlField[];

  beforeAll(async () => {
    app = await startApp({ clock: new FixedClock('2026-03-02T09:00:00Z') });
    const admin = app.token('admin');
    for (const dealer of [
      { dealerId: 'D1', name: 'East 4S', region: 'east' },
      { dealerId: 'D2', name: 'West 4S', region: 'west' },
    ]) {
      await app.http.post('/api/v1/dealers').set('Authorization', admin).send(dealer).expect(201);
    }
    const advisor = tokenFor(app, 'service_advisor');
    const manager = tokenFor(app, 'customer_service_manager');
    const customer = await app.http.post('/api/v1/customers').set('Authorization', advisor).send({ name: 'Wang Jianguo', phone: '13800138000' }).expect(201);
    ids.customer = customer.body.id;
    await app.http
      .post(`/api/v1/customers/${ids.customer}/vehicles`)
      .set('Authorization', advisor)
      .send({ vin: VIN, plate: '沪A12345', model: 'Lavida', purchaseDate: '2025-03-01', deliveredAt: '2025-03-10', warrantyMonths: 24, warrantyKm: 40000 })
      .expect(201);
    const complaint = await app.http
      .post('/api/v1/complaints')
      .set('Authorization', manager)
      .send({ customerId: ids.customer, channel: 'phone', subject: 'parts', description: 'a rattle', expectedResolution: 'fix it', severity: 'normal' })
      .expect(201);
    ids.complaint = complaint.body.id;
    const callback = await app.http
      .post('/api/v1/callbacks')
      .set('Authorization', tokenFor(app, 'callback_agent'))
      .send({ customerId: ids.customer, type: 'manual', dueAt: '2026-03-10T08:00:00.000Z' })
      .expect(201);
    ids.callback = callback.body.id;
    await app.caughtUp();

    const api = '/api/v1';
    Object.assign(fixtures, {
      [`GET ${api}/dealers`]: {},
      [`GET ${api}/dealers/:dealerId`]: { params: { dealerId: 'D1' } },
      [`GET ${api}/customers`]: {},
      [`GET ${api}/customers/:id`]: { params: { id: ids.customer } },
      [`GET ${api}/vehicles/:vin`]: { params: { vin: VIN } },
      [`GET ${api}/complaints`]: {},
      [`GET ${api}/complaints/board`]: { query: 'dealerId=D1' },
      [`GET ${api}/complaints/:id`]: { params: { id: ids.complaint } },
      [`GET ${api}/callbacks/queue`]: {},
      [`GET ${api}/callbacks/:id`]: { params: { id: ids.callback } },
      [`GET ${api}/reports/callbacks`]: { query: 'from=2026-03-01&to=2026-03-31' },
      [`GET ${api}/reports/csi`]: { query: 'from=2026-01-01&to=2026-03-31' },
      [`GET ${api}/claims`]: {},
      [`GET ${api}/claims/worklist`]: {},
      [`GET ${api}/claims/costs`]: { query: 'region=east&month=2026-03' },
      [`GET ${api}/audit/events`]: {},
      [`GET ${api}/audit/streams/:streamId/events`]: { params: { streamId: `customer-${ids.customer}` } },
      [`GET ${api}/audit/verify`]: { query: `streamId=customer-${ids.customer}` },
      [`GET ${api}/audit/:kind/:id/as-of`]: { params: { kind: 'complaint', id: ids.complaint }, query: 'at=2026-03-02T09:00:00Z' },
      [`GET ${api}/reports/callbacks/daily.csv`]: { query: 'dealerId=D1&date=2026-03-10' },
      [`GET ${api}/events/catalogue`]: {},
      [`GET ${api}/events/stream`]: {},
      [`GET ${api}/webhooks`]: {},
      'GET /health': {},
      'GET /metrics': {},
      'GET /docs-json': {},
    });
    rest = restEndpoints(app);
    fields = graphqlFields(app);
  });
  afterAll(() => app?.stop());

  it('has an entry for every registered route and GraphQL root field, and none for an endpoint that does not exist', () => {
    const served = [...rest.map((e) => e.key), ...fields.map((f) => f.key)];
    expect(served.filter((key) => !AUTHORIZATION[key])).toEqual([]);
    expect(Object.keys(AUTHORIZATION).filter((key) => !served.includes(key))).toEqual([]);
    // The numbers the closing note of issue #9 asks for.
    process.stdout.write(`authorization matrix: ${rest.length} REST/SSE routes + ${fields.length} GraphQL root fields × ${ROLES.length} roles\n`);
  });

  it('admits exactly the roles of each REST and SSE endpoint\'s entry, and a refusal writes nothing', async () => {
    const failures: string[] = [];
    const refusedCorrelations: string[] = [];
    let exact200 = 0;
    for (const endpoint of rest) {
      const rule = AUTHORIZATION[endpoint.key];
      const fixture = fixtures[endpoint.key];
      const path = fillPath(endpoint.url, fixture?.params ?? {}) + (fixture?.query ? `?${fixture.query}` : '');
      if (rule?.roles === 'public') {
        const res = await call(app.baseUrl, { method: endpoint.method, path });
        if (res.status === 401 || res.status === 403) failures.push(`${endpoint.key} (public) → ${res.status}`);
        continue;
      }
      const anonymous = await call(app.baseUrl, { method: endpoint.method, path, headers: { 'content-type': 'application/json' }, body: '{}' });
      if (anonymous.status !== 401) failures.push(`${endpoint.key} without a token → ${anonymous.status}`);
      // Every role at once on one endpoint (the answers do not depend on each other).
      const answers = await Promise.all(
        ROLES.map(async (role) => {
          const correlationId = newCorrelationId();
          const res = await call(app.baseUrl, {
            method: endpoint.method,
            path,
            headers: { authorization: tokenFor(app, role), 'x-correlation-id': correlationId, 'content-type': 'application/json' },
            // Writes get an empty body: an admitted role then meets validation (400) or a missing record (404), never a change.
            body: '{}',
          });
          return { role, correlationId, res };
        }),
      );
      for (const { role, correlationId, res } of answers) {
        const refusedByRole = res.status === 403 && ROLE_REFUSALS.includes(codeOf(res) ?? '');
        if (admitted(endpoint.key, role)) {
          if (res.status === 401 || refusedByRole) failures.push(`${endpoint.key} as ${role}: admitted, got ${res.status} ${codeOf(res)}`);
          else if (fixture && endpoint.method === 'GET') {
            if (res.status === 200) exact200++;
            else failures.push(`${endpoint.key} as ${role}: expected 200, got ${res.status} ${codeOf(res)}`);
          }
        } else {
          if (!refusedByRole) failures.push(`${endpoint.key} as ${role}: refused by the matrix, got ${res.status} ${codeOf(res)}`);
          refusedCorrelations.push(correlationId);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(exact200).toBeGreaterThan(100);
    const written = new Set<string>();
    for await (const event of app.eventStore.readAll()) written.add(event.metadata.correlationId);
    expect(refusedCorrelations.filter((id) => written.has(id))).toEqual([]);
    process.stdout.write(`authorization matrix: ${rest.length * ROLES.length} REST calls, ${exact200} exact 200s, ${refusedCorrelations.length} refusals\n`);
  });

  it('admits exactly the roles of each GraphQL root field\'s entry (queries and mutations over HTTP, subscriptions over the websocket)', async () => {
    const failures: string[] = [];
    let exactAnswers = 0;
    for (const field of fields.filter((f) => f.operation === 'subscription')) {
      // Over the websocket, the token in connection_init: none → the connection is refused.
      if ((await subscribeOnce(app.baseUrl, undefined, field.document)).kind !== 'refused') failures.push(`${field.key} without a token: not refused`);
      const outcomes = await Promise.all(ROLES.map(async (role) => ({ role, outcome: await subscribeOnce(app.baseUrl, tokenFor(app, role), field.document) })));
      for (const { role, outcome } of outcomes) {
        const codes = (outcome.errors ?? []).map((e) => e.extensions?.code ?? '');
        const refusedByRole = outcome.kind === 'error' && codes.some((c) => ROLE_REFUSALS.includes(c));
        if (outcome.kind === 'refused') failures.push(`${field.key} as ${role}: connection refused`);
        else if (admitted(field.key, role) === refusedByRole) failures.push(`${field.key} as ${role}: ${outcome.kind} ${codes.join(',')}, the matrix says otherwise`);
      }
    }
    for (const field of fields.filter((f) => f.operation !== 'subscription')) {
      const anonymous = await call(app.baseUrl, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: field.document }) });
      if (anonymous.status !== 401) failures.push(`${field.key} without a token → ${anonymous.status}`);
      const answers = await Promise.all(
        ROLES.map(async (role) => ({
          role,
          res: await call(app.baseUrl, {
            method: 'POST',
            path: '/graphql',
            headers: { authorization: tokenFor(app, role), 'content-type': 'application/json' },
            body: JSON.stringify({ query: field.document }),
          }),
        })),
      );
      for (const { role, res } of answers) {
        const codes = ((res.json as { errors?: { extensions?: { code?: string; status?: number } }[] })?.errors ?? []).map((e) => e.extensions?.code ?? '');
        const refusedByRole = codes.some((c) => ROLE_REFUSALS.includes(c));
        if (admitted(field.key, role) === refusedByRole) failures.push(`${field.key} as ${role}: ${refusedByRole ? 'refused' : 'admitted'} (${codes.join(',') || res.status}), the matrix says otherwise`);
        // A field that needs no argument answers an admitted role in D1's scope without any error.
        else if (admitted(field.key, role) && !field.needsArguments) {
          if (res.status === 200 && codes.length === 0) exactAnswers++;
          else failures.push(`${field.key} as ${role}: admitted, expected data, got ${res.status} ${codes.join(',')}`);
        }
        if (codes.includes('GRAPHQL.INVALID')) failures.push(`${field.key}: the generated document is invalid: ${res.text}`);
      }
    }
    expect(failures).toEqual([]);
    expect(exactAnswers).toBeGreaterThan(50);
    process.stdout.write(`authorization matrix: GraphQL ${fields.length} fields × ${ROLES.length} roles, ${exactAnswers} answered without error\n`);
  });

  describe('data scope', () => {
    const outsiders = (): [string, string][] => [
      ['service_advisor of D2', app.token('service_advisor', { dealerId: 'D2' })],
      ['customer_service_manager of D2', app.token('customer_service_manager', { dealerId: 'D2' })],
      ['regional_service_manager of west', app.token('regional_service_manager', { region: 'west' })],
      ['oem_after_sales of west', app.token('oem_after_sales', { region: 'west' })],
    ];

    it('refuses another dealer\'s staff and another region\'s OEM staff every record of D1 (403 AUTH.OUT_OF_SCOPE)', async () => {
      // Every dealer-scoped read the spec has a D1 record for, from the matrix's scope column.
      const records = rest
        .filter((e) => e.method === 'GET' && AUTHORIZATION[e.key]?.scope === 'dealer' && fixtures[e.key]?.params)
        .map((e) => ({ key: e.key, path: fillPath(e.url, fixtures[e.key].params ?? {}) + (fixtures[e.key].query ? `?${fixtures[e.key].query}` : '') }));
      expect(records.length).toBeGreaterThanOrEqual(7);
      for (const { key, path } of records) {
        for (const [who, token] of outsiders()) {
          const res = await call(app.baseUrl, { method: 'GET', path, headers: { authorization: token } });
          expect({ key, who, status: res.status, code: codeOf(res) }).toEqual({ key, who, status: 403, code: 'AUTH.OUT_OF_SCOPE' });
        }
        const insider = await call(app.baseUrl, { method: 'GET', path, headers: { authorization: tokenFor(app, 'regional_service_manager') } });
        expect({ key, status: insider.status }).toEqual({ key, status: 200 });
      }
    });

    it('applies the same scope to the GraphQL reads of one record', async () => {
      const reads = [`dealer(id: "D1") { id }`, `customer(id: "${ids.customer}") { id }`, `complaint(id: "${ids.complaint}") { id }`, `callback(id: "${ids.callback}") { id }`];
      for (const read of reads) {
        for (const [who, token] of outsiders()) {
          const res = await call(app.baseUrl, { method: 'POST', path: '/graphql', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${read} }` }) });
          expect({ read, who, code: codeOf(res) }).toEqual({ read, who, code: 'AUTH.OUT_OF_SCOPE' });
        }
        const insider = await call(app.baseUrl, {
          method: 'POST',
          path: '/graphql',
          headers: { authorization: tokenFor(app, 'regional_service_manager'), 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ ${read} }` }),
        });
        expect({ read, errors: (insider.json as { errors?: unknown }).errors }).toEqual({ read, errors: undefined });
      }
    });

    it('leaves D1\'s records out of the lists another dealer or region sees', async () => {
      for (const path of ['/api/v1/customers', '/api/v1/complaints', '/api/v1/callbacks/queue', '/api/v1/dealers']) {
        for (const [who, token] of outsiders()) {
          const res = await call(app.baseUrl, { method: 'GET', path, headers: { authorization: token } });
          expect({ path, who, status: res.status }).toEqual({ path, who, status: 200 });
          const items = (res.json as { items: { id: string; dealerId?: string }[] }).items;
          expect({ path, who, leaked: items.filter((i) => i.dealerId === 'D1' || i.id === 'D1') }).toEqual({ path, who, leaked: [] });
        }
      }
    });

    it('refuses another dealer\'s staff a change to D1\'s records, writing nothing', async () => {
      const changes = [
        { path: `/api/v1/customers/${ids.customer}/contact-details`, body: { phone: '13900139000' }, roles: DEALER_ROLES },
        { path: `/api/v1/complaints/${ids.complaint}/acknowledgement`, body: { message: 'we are on it', replyBy: '2026-03-05T09:00:00.000Z' }, roles: ['customer_service_manager'] as const },
        { path: `/api/v1/callbacks/${ids.callback}/claim`, body: {}, roles: ['callback_agent'] as const },
      ];
      for (const change of changes) {
        for (const role of change.roles) {
          const correlationId = newCorrelationId();
          const res = await call(app.baseUrl, {
            method: 'POST',
            path: change.path,
            headers: { authorization: app.token(role, { dealerId: 'D2' }), 'content-type': 'application/json', 'x-correlation-id': correlationId },
            body: JSON.stringify(change.body),
          });
          expect({ path: change.path, role, status: res.status, code: codeOf(res) }).toEqual({ path: change.path, role, status: 403, code: 'AUTH.OUT_OF_SCOPE' });
          expect(await eventsWithCorrelation(app.eventStore, correlationId)).toBe(0);
        }
      }
    });
  });
});
