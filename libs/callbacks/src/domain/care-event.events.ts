import type { DomainEvent } from '@aftercare/kernel';

export const CareEventEventTypes = { CareEventAnnounced: 'CareEventAnnounced' } as const;

export const CARE_EVENT_KINDS = ['club', 'service'] as const;
export type CareEventKind = (typeof CARE_EVENT_KINDS)[number];

/** R-CB-10: a club or service event; the scheduler invites each targeted customer 2 weeks before it. */
export type CareEventAnnounced = DomainEvent<
  'CareEventAnnounced',
  { careEventId: string; dealerId: string; kind: CareEventKind; title: string; startsAt: string; customerIds: string[]; announcedBy: string }
>;

export interface CareEventState {
  exists: boolean;
}

export const initialCareEventState = (): CareEventState => ({ exists: false });
export const evolveCareEvent = (_state: CareEventState, event: CareEventAnnounced): CareEventState =>
  event.type === 'CareEventAnnounced' ? { exists: true } : _state;
