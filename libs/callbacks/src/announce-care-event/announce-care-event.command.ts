import { Actor, DomainError } from '@aftercare/kernel';
import type { CareEventAnnounced, CareEventKind, CareEventState } from '../domain/care-event.events';
import { CallbackErrors } from '../domain/callback.errors';
import { assertMayDo } from '../domain/callback.policy';

export interface AnnounceCareEvent {
  careEventId: string;
  dealerId: string;
  kind: CareEventKind;
  title: string;
  startsAt: string;
  customerIds: string[];
  by: Actor;
  announcedAt: string;
  /** From the customer file: each targeted customer's dealer, null when unknown. */
  dealerOfCustomer: Record<string, string | null>;
}

/**
 * R-CB-10: a manager announces a club or service event to chosen customers of
 * their dealer; the scheduler then invites each of them 2 weeks before it.
 */
export function decideAnnounceCareEvent(command: AnnounceCareEvent, _state: CareEventState): CareEventAnnounced[] {
  assertMayDo('announceEvent', command.by, command.dealerId);
  if (Date.parse(command.startsAt) <= Date.parse(command.announcedAt)) throw CallbackErrors.eventInPast();
  const customerIds = [...new Set(command.customerIds)];
  const foreign = customerIds.filter((id) => command.dealerOfCustomer[id] !== command.dealerId);
  if (foreign.length) {
    throw DomainError.unprocessable('CARE_EVENT.UNKNOWN_CUSTOMERS', `not customers of dealer ${command.dealerId}: ${foreign.slice(0, 10).join(', ')}`, {
      customerIds: foreign,
    });
  }
  return [
    {
      type: 'CareEventAnnounced',
      data: {
        careEventId: command.careEventId, dealerId: command.dealerId, kind: command.kind, title: command.title,
        startsAt: new Date(command.startsAt).toISOString(), customerIds, announcedBy: command.by.id,
      },
    },
  ];
}
