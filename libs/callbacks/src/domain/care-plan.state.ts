import type { CallbackType } from '@aftercare/kernel';
import type { CallbackSubject, Priority } from './callback.events';
import type { CarePlanRevised } from './care-plan.events';

export interface PlanCall {
  callbackId: string;
  type: CallbackType;
  rule: string;
  vin: string | null;
  dueAt: string;
  latestAt: string | null;
  subject: CallbackSubject;
  priority: Priority;
  assigneeId: string | null;
  advisorId: string | null;
  /** `active` until it ends (`closed`) or the scheduler withdraws it. */
  status: 'active' | 'closed' | 'withdrawn';
}

export interface CarePlanState {
  customerId: string | null;
  dealerId: string | null;
  /** Causes already decided: a re-delivered event is not decided twice. */
  handled: Record<string, true>;
  calls: Record<string, PlanCall>;
  vehicles: Record<string, { vin: string; deliveredAt: string }>;
  lastVisit: { visitId: string; vin: string; occurredAt: string; advisorId: string } | null;
  /** R-SG-1: the customer's segments as the last CustomerSegmentChanged told them, with their usual advisor. */
  segment: { segments: string[]; advisorId: string | null } | null;
}

export function initialCarePlanState(): CarePlanState {
  return { customerId: null, dealerId: null, handled: {}, calls: {}, vehicles: {}, lastVisit: null, segment: null };
}

/**
 * Folds one revision. Copies only what the revision touches, so folding a long
 * plan stays linear in its size.
 */
export function evolveCarePlan(state: CarePlanState, event: CarePlanRevised): CarePlanState {
  if (event.type !== 'CarePlanRevised') return state;
  const d = event.data;
  const calls = { ...state.calls };
  for (const p of [...d.planned, ...d.adopted]) {
    calls[p.callbackId] = {
      callbackId: p.callbackId, type: p.type, rule: p.rule, vin: p.vin, dueAt: p.dueAt, latestAt: p.latestAt, subject: p.subject,
      priority: p.priority, assigneeId: p.assigneeId, advisorId: p.advisorId, status: 'active',
    };
  }
  for (const r of d.rescheduled) if (calls[r.callbackId]) calls[r.callbackId] = { ...calls[r.callbackId], dueAt: r.dueAt };
  for (const r of d.reprioritized) {
    if (calls[r.callbackId]) calls[r.callbackId] = { ...calls[r.callbackId], priority: r.priority, assigneeId: r.assigneeId };
  }
  for (const w of d.withdrawn) if (calls[w.callbackId]?.status === 'active') calls[w.callbackId] = { ...calls[w.callbackId], status: 'withdrawn' };
  for (const c of d.closed) if (calls[c.callbackId]?.status === 'active') calls[c.callbackId] = { ...calls[c.callbackId], status: 'closed' };
  const vehicles = d.noted.vehicle ? { ...state.vehicles, [d.noted.vehicle.vin]: d.noted.vehicle } : state.vehicles;
  return {
    customerId: d.customerId,
    dealerId: d.dealerId,
    handled: { ...state.handled, [d.causationEventId]: true },
    calls,
    vehicles,
    lastVisit: d.noted.lastVisit ?? state.lastVisit,
    segment: d.noted.segment ?? state.segment ?? null,
  };
}

/** Calls still in the queue (as far as the scheduler knows). */
export function activeCalls(state: CarePlanState, filter: (c: PlanCall) => boolean = () => true): PlanCall[] {
  return Object.values(state.calls).filter((c) => c.status === 'active' && filter(c));
}
