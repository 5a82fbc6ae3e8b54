import type { Actor, CallbackType } from '@aftercare/kernel';
import type { CallbackScheduled, CallbackSubject, Priority } from '../domain/callback.events';
import type { CallbackState } from '../domain/callback.state';
import { CallbackErrors } from '../domain/callback.errors';
import { assertMayDo } from '../domain/callback.policy';
import { CustomerFacts, isHighValue, isSensitive } from '../domain/care-facts';
import type { PlannedCall } from '../domain/care-plan.events';
import type { Revision } from '../schedule-callbacks-when-care-facts-change/care-call.planner';

export interface ScheduleCallback {
  callbackId: string;
  customerId: string;
  vin: string | null;
  type: CallbackType;
  dueAt: string;
  notes: string | null;
  by: Actor;
  /** The customer file as its events tell it (dealer, sensitive flags, do-not-call). */
  customer: CustomerFacts;
  /** Who the vehicle is registered to; null when it is not registered. */
  vehicleOwnerId: string | null;
  /** The advisor of the customer's last visit, from the care plan (R-CB-11 routing). */
  lastVisitAdvisorId: string | null;
}

/** POST /callbacks: a callback put in the queue by hand, under the same hygiene and routing rules as planned ones. */
export function decideScheduleCallback(command: ScheduleCallback, _state: CallbackState): CallbackScheduled[] {
  const { customer } = command;
  if (!customer.exists) throw CallbackErrors.unknownCustomer(command.customerId);
  assertMayDo('schedule', command.by, customer.dealerId);
  if (command.vin !== null && command.vehicleOwnerId !== command.customerId) throw CallbackErrors.vehicleNotOwned(command.vin);
  // Contact hygiene: never queued for a kind of call the customer refused.
  if (customer.doNotCall.includes(command.type)) throw CallbackErrors.doNotCall(command.type);
  const priority: Priority = command.type === 'complaint_follow_up' ? 'urgent' : isSensitive(customer) ? 'high' : 'normal';
  return [
    {
      type: 'CallbackScheduled',
      data: {
        callbackId: command.callbackId,
        dealerId: customer.dealerId!,
        customerId: command.customerId,
        vin: command.vin,
        type: command.type,
        dueAt: command.dueAt,
        latestAt: null,
        priority,
        rule: 'manual',
        // R-CB-11: a high-value customer's call goes to their own advisor.
        assigneeId: isHighValue(customer) ? command.lastVisitAdvisorId : null,
        advisorId: command.lastVisitAdvisorId,
        subject: {},
        notes: command.notes,
        causationEventId: null,
        postponedFrom: null,
      },
    },
  ];
}

/** The scheduler's planned call as the callback stream records it. */
export function scheduledFromPlan(call: PlannedCall, revision: Pick<Revision, 'dealerId' | 'customerId' | 'causationEventId'>): CallbackScheduled {
  const subject: CallbackSubject = call.subject;
  return {
    type: 'CallbackScheduled',
    data: {
      callbackId: call.callbackId,
      dealerId: revision.dealerId,
      customerId: revision.customerId,
      vin: call.vin,
      type: call.type,
      dueAt: call.dueAt,
      latestAt: call.latestAt,
      priority: call.priority,
      rule: call.rule,
      assigneeId: call.assigneeId,
      advisorId: call.advisorId,
      subject,
      notes: null,
      causationEventId: revision.causationEventId,
      postponedFrom: call.postponedFrom,
    },
  };
}
