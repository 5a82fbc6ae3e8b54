/**
 * The customer-file scenario of the issue "The product runs", written once and run
 * on every event-store adapter we ship (sqlite here, EventStoreDB against the gRPC
 * double in customer-file.eventstoredb.e2e-spec.ts).
 */
import { FixedClock } from '@aftercare/kernel';
import type { E2eApp, StartOptions } from '../support/e2e-app';

export const VIN = 'LSVAU2180N2183294';
export const NOW = '2026-03-10T09:00:00.000Z';

export async function registerDealers(app: E2eApp): Promise<void> {
  const admin = app.token('admin');
  for (const [dealerId, region] of [['D1', 'east'], ['D2', 'east'], ['D3', 'south']]) {
    await app.http.post('/api/v1/dealers').set('Authorization', admin).send({ dealerId, name: `Dealer ${dealerId}`, region }).expect(201);
  }
}

export interface CustomerFile {
  customerId: string;
  visitId: string;
}

/** Creates a customer, a vehicle and a visit through the API, as a service advisor of D1 would. */
export async function createCustomerFile(app: E2eApp, vin = VIN): Promise<CustomerFile> {
  const advisor = app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
  const customer = await app.http
    .post('/api/v1/customers')
    .set('Authorization', advisor)
    .send({ name: '王建国', phone: '13800138000', gender: 'male', birthDate: '1985-06-01', email: 'wang@example.cn', bestContactTime: 'evenings' })
    .expect(201);
  const customerId = customer.body.id as string;
  await app.http
    .post(`/api/v1/customers/${customerId}/vehicles`)
    .set('Authorization', advisor)
    .send({ vin, plate: '沪A12345', model: 'Lavida', purchaseDate: '2025-03-01', deliveredAt: '2025-03-10', warrantyMonths: 24, warrantyKm: 40000 })
    .expect(201);
  const visit = await app.http
    .post(`/api/v1/vehicles/${vin}/visits`)
    .set('Authorization', advisor)
    .send({ occurredAt: '2026-03-09T10:00:00.000Z', odometerKm: 7400, type: 'periodic_maintenance', amount: 680, advisorId: 'sa-li' })
    .expect(201);
  return { customerId, visitId: visit.body.id };
}

export function scenarioOptions(extra: StartOptions = {}): StartOptions {
  return { clock: new FixedClock(NOW), ...extra };
}
