import { deciderSpec } from '@aftercare/kernel';
import { decideScheduleCallback, ScheduleCallback } from './schedule-callback.command';
import { CallbackState, evolveCallback, initialCallbackState } from '../domain/callback.state';
import type { CallbackEvent } from '../domain/callback.events';
import { agentWu } from '../testing/callback-history.fixture';

const spec = deciderSpec<ScheduleCallback, CallbackState, CallbackEvent>({ decide: decideScheduleCallback, evolve: evolveCallback, initialState: initialCallbackState });
const command = (over: Partial<ScheduleCallback> = {}): ScheduleCallback => ({
  callbackId: 'cb9', customerId: 'c1', vin: null, type: 'manual', dueAt: '2026-03-12T09:00:00.000Z', notes: 'asked for a call after 6 pm', by: agentWu,
  customer: { exists: true, customerId: 'c1', dealerId: 'D1', birthDate: null, sensitiveKinds: [], doNotCall: [] }, vehicleOwnerId: null,
  lastVisitAdvisorId: 'sa-li', ...over,
});

describe('scheduling a callback by hand', () => {
  it('queues it under the rule `manual`', () => {
    spec.given([]).when(command()).then((events) => expect(events[0].data).toMatchObject({ rule: 'manual', priority: 'normal', assigneeId: null, dealerId: 'D1' }));
  });

  it('refuses a kind of call the customer asked not to receive', () => {
    spec.given([]).when(command({ type: 'birthday', customer: { ...command().customer, doNotCall: ['birthday'] } })).thenThrows('CALLBACK.DO_NOT_CALL');
  });

  it("routes a VIP's call to the advisor of their last visit and puts it first (R-CB-11)", () => {
    spec.given([]).when(command({ customer: { ...command().customer, sensitiveKinds: ['vip'] } }))
      .then((events) => expect(events[0].data).toMatchObject({ priority: 'high', assigneeId: 'sa-li' }));
  });

  it('refuses an unknown customer, a vehicle of someone else, another dealer', () => {
    spec.given([]).when(command({ customer: { ...command().customer, exists: false } })).thenThrows('CALLBACK.UNKNOWN_CUSTOMER');
    spec.given([]).when(command({ vin: 'LSVAU2180N2183294', vehicleOwnerId: 'c2' })).thenThrows('CALLBACK.VEHICLE_NOT_OWNED');
    spec.given([]).when(command({ customer: { ...command().customer, dealerId: 'D2' } })).thenThrows('AUTH.OUT_OF_SCOPE');
  });
});
