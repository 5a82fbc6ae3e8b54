import type { Actor } from '@aftercare/kernel';
import type { CallbackScheduled } from '../domain/callback.events';

/** A callback as the scheduler queues it, for the deciders' specs. */
export function scheduledCallback(over: Partial<CallbackScheduled['data']> = {}): CallbackScheduled {
  return {
    type: 'CallbackScheduled',
    data: {
      callbackId: 'cb1', dealerId: 'D1', customerId: 'c1', vin: 'LSVAU2180N2183294', type: 'post_service', dueAt: '2026-03-12T10:00:00.000Z',
      latestAt: null, priority: 'normal', rule: 'R-CB-1', assigneeId: null, advisorId: 'sa-li',
      subject: { visitId: 'v1', visitAt: '2026-03-09T10:00:00.000Z' }, notes: null, causationEventId: 'e-visit', postponedFrom: null, ...over,
    },
  };
}

export const agentWu: Actor = { id: 'agent-wu', role: 'callback_agent', dealerId: 'D1' };
export const agentMa: Actor = { id: 'agent-ma', role: 'callback_agent', dealerId: 'D1' };
