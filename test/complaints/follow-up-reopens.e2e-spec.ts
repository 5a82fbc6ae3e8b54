/**
 * R-CP-6 across contexts: resolving a complaint schedules the follow-up call
 * (R-CB-7); when that call finds the customer dissatisfied, the complaint goes
 * back to investigation by itself; a satisfied customer leaves it resolved.
 */
import { FixedClock, MS_PER_DAY } from '@aftercare/kernel';
import { startApp, E2eApp } from '../support/e2e-app';
import { createCustomerFile, registerDealers, VIN } from '../customers/customer-file.scenario';

describe('the complaint follow-up call (R-CP-6, R-CB-7)', () => {
  let app: E2eApp;
  let clock: FixedClock;
  let customerId: string;
  const advisor = () => app.token('service_advisor', { dealerId: 'D1', sub: 'sa-li' });
  const manager = () => app.token('customer_service_manager', { dealerId: 'D1', sub: 'csm-zhao' });
  const agent = () => app.token('callback_agent', { dealerId: 'D1', sub: 'cb-wu' });
  const post = (path: string, token: string, body: object = {}) => app.http.post(`/api/v1${path}`).set('Authorization', token).send(body);
  const get = (path: string, token: string) => app.http.get(`/api/v1${path}`).set('Authorization', token);

  beforeAll(async () => {
    clock = new FixedClock('2026-03-10T09:00:00.000Z');
    app = await startApp({ clock, env: { LOG_LEVEL: 'error' } });
    await registerDealers(app);
    ({ customerId } = await createCustomerFile(app));
  });
  afterAll(async () => app?.stop());

  async function resolvedComplaint(): Promise<string> {
    const { body } = await post('/complaints', advisor(), {
      customerId, vin: VIN, channel: 'phone', subject: 'repair_quality', description: 'noise after the service', expectedResolution: 'fix it', severity: 'normal',
    }).expect(201);
    const id = body.id as string;
    await post(`/complaints/${id}/acknowledgement`, manager(), { message: 'sorry', replyBy: '2026-03-12T18:00:00.000Z' }).expect(200);
    await post(`/complaints/${id}/investigation`, manager(), { rootCause: 'service_process', responsibleParty: 'dealer', findings: 'no final check' }).expect(200);
    const solution = await post(`/complaints/${id}/solutions`, manager(), { description: 'redo the repair for free' }).expect(200);
    await post(`/complaints/${id}/solutions/${solution.body.solutionNo}/acceptance`, manager()).expect(200);
    await post(`/complaints/${id}/resolution`, manager(), { summary: 'repaired again' }).expect(200);
    await app.caughtUp();
    return id;
  }

  async function followUpCallOf(complaintId: string): Promise<{ id: string; dueAt: string }> {
    const asOf = new Date(clock.now().getTime() + 3 * MS_PER_DAY).toISOString();
    const res = await get(`/callbacks/queue?type=complaint_follow_up&asOf=${asOf}&limit=500`, agent()).expect(200);
    const call = res.body.items.find((c: { subject?: { complaintId?: string }; customerId: string }) => c.subject?.complaintId === complaintId);
    expect(call).toBeDefined();
    return call;
  }

  it('schedules the follow-up call 2 days after resolution and reopens when the customer is dissatisfied', async () => {
    const id = await resolvedComplaint();
    const call = await followUpCallOf(id);
    expect(call.dueAt).toBe(new Date(clock.now().getTime() + 2 * MS_PER_DAY).toISOString());
    await post(`/callbacks/${call.id}/claim`, agent()).expect(200);
    await post(`/callbacks/${call.id}/attempts`, agent(), { reached: true, satisfaction: 2, feedback: 'criticism', notes: 'the noise is back' }).expect(200);
    await app.caughtUp();
    const complaint = await get(`/complaints/${id}`, manager()).expect(200);
    expect(complaint.body.status).toBe('investigating');
    expect(complaint.body.timeline.at(-1)).toMatchObject({ type: 'ComplaintReopened', actorId: 'system' });
  });

  it('leaves the complaint resolved when the customer is satisfied', async () => {
    const id = await resolvedComplaint();
    const call = await followUpCallOf(id);
    await post(`/callbacks/${call.id}/claim`, agent()).expect(200);
    await post(`/callbacks/${call.id}/attempts`, agent(), { reached: true, satisfaction: 5, feedback: 'praise' }).expect(200);
    await app.caughtUp();
    const complaint = await get(`/complaints/${id}`, manager()).expect(200);
    expect(complaint.body.status).toBe('resolved');
  });
});
