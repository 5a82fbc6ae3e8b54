import { Actor, deciderSpec, SYSTEM_ACTOR } from '@aftercare/kernel';
import type { ComplaintEvent, ComplaintReceived, StampedComplaintEvent } from '../domain/complaint.events';
import { ComplaintState, evolveComplaint, initialComplaintState } from '../domain/complaint.state';
import type { ComplaintStep } from '../domain/complaint.step';

/**
 * Histories for decider specs: the worked case of DOMAIN.md (A/C blower quoted at
 * 200 yuan that turned out to cost 1,000) at dealer D1, taken on a Monday morning.
 */
export const COMPLAINT_ID = 'cp-1';
export const RECEIVED_AT = '2026-03-02T09:00:00.000Z';

export const actors = {
  manager: { id: 'csm-zhao', role: 'customer_service_manager', dealerId: 'D1' },
  advisor: { id: 'sa-li', role: 'service_advisor', dealerId: 'D1' },
  agent: { id: 'cb-wu', role: 'callback_agent', dealerId: 'D1' },
  supervisor: { id: 'bs-qian', role: 'business_supervisor', dealerId: 'D1' },
  director: { id: 'sd-sun', role: 'service_director', dealerId: 'D1' },
  otherDealerManager: { id: 'csm-other', role: 'customer_service_manager', dealerId: 'D2' },
  auditor: { id: 'aud-1', role: 'auditor', dealerId: null },
  admin: { id: 'root', role: 'admin', dealerId: null },
  system: SYSTEM_ACTOR,
} satisfies Record<string, Actor>;

/** The envelope fields of a command: who, and when (defaults: an hour after intake, recorded then). */
export function by(actor: Actor, occurredAt = '2026-03-02T10:00:00.000Z', recordedAt = occurredAt): ComplaintStep {
  return { complaintId: COMPLAINT_ID, by: actor, occurredAt, recordedAt };
}

/** Gives an event its business time, as the store does. */
export function at<E extends ComplaintEvent>(occurredAt: string, event: E): StampedComplaintEvent {
  return { ...event, metadata: { occurredAt } } as StampedComplaintEvent;
}

export function received(over: Partial<ComplaintReceived['data']> = {}): ComplaintReceived {
  return {
    type: 'ComplaintReceived',
    data: {
      complaintId: COMPLAINT_ID,
      dealerId: 'D1',
      customerId: 'cust-wang',
      vin: 'LSVAU2180N2183294',
      channel: 'walk_in',
      subject: 'price',
      description: 'After the maintenance the A/C makes noise; you quoted 200 yuan for the blower and now ask 1,000.',
      expectedResolution: 'Charge the quoted price',
      severity: 'normal',
      callbackId: null,
      takenBy: 'sa-li',
      takenByRole: 'service_advisor',
      receivedAt: RECEIVED_AT,
      ...over,
    },
  };
}

const id = { complaintId: COMPLAINT_ID };
export const events = {
  received,
  acknowledged: (): ComplaintEvent => ({ type: 'ComplaintAcknowledged', data: { ...id, message: 'We apologise', replyBy: '2026-03-04T09:00:00.000Z' } }),
  interimReply: (): ComplaintEvent => ({ type: 'InterimReplySent', data: { ...id, message: 'The blower was ordered' } }),
  escalated: (): ComplaintEvent => ({ type: 'ComplaintEscalated', data: { ...id, reason: 'customer threatens media', escalatedTo: 'business_supervisor', rule: null } }),
  investigated: (): ComplaintEvent => ({
    type: 'ComplaintInvestigated',
    data: { ...id, rootCause: 'service_process', responsibleParty: 'dealer', findings: 'incomplete diagnosis, no final check, wrong part quoted' },
  }),
  proposed: (solutionNo = 1): ComplaintEvent => ({
    type: 'SolutionProposed',
    data: { ...id, solutionNo, description: 'apology, real price list, discount', compensationAmount: 400 },
  }),
  accepted: (solutionNo = 1): ComplaintEvent => ({ type: 'SolutionAccepted', data: { ...id, solutionNo } }),
  rejected: (solutionNo = 1): ComplaintEvent => ({ type: 'SolutionRejected', data: { ...id, solutionNo, reason: 'discount too small' } }),
  resolved: (): ComplaintEvent => ({ type: 'ComplaintResolved', data: { ...id, summary: 'repaired at a discount', followUpDueAt: '2026-03-08T09:00:00.000Z' } }),
  closed: (): ComplaintEvent => ({ type: 'ComplaintClosed', data: { ...id } }),
  reopened: (reopenedAt = '2026-03-09T09:00:00.000Z'): ComplaintEvent => ({ type: 'ComplaintReopened', data: { ...id, reason: 'noise is back', reopenedAt } }),
};

/** The history up to each status of the lifecycle. */
export const histories = {
  received: (): ComplaintEvent[] => [events.received()],
  acknowledged: (): ComplaintEvent[] => [events.received(), events.acknowledged()],
  investigating: (): ComplaintEvent[] => [...histories.acknowledged(), events.investigated()],
  solutionProposed: (): ComplaintEvent[] => [...histories.investigating(), events.proposed(1)],
  rejected: (): ComplaintEvent[] => [...histories.solutionProposed(), events.rejected(1)],
  accepted: (): ComplaintEvent[] => [...histories.solutionProposed(), events.accepted(1)],
  resolved: (): ComplaintEvent[] => [...histories.accepted(), events.resolved()],
  closed: (): ComplaintEvent[] => [...histories.resolved(), events.closed()],
  reopened: (): ComplaintEvent[] => [...histories.closed(), events.reopened()],
};

/** given/when/then over a decide function of this context. */
export function complaintSpec<C>(decide: (command: C, state: ComplaintState) => ComplaintEvent[]) {
  return deciderSpec<C, ComplaintState, StampedComplaintEvent>({ decide, evolve: evolveComplaint, initialState: initialComplaintState });
}
