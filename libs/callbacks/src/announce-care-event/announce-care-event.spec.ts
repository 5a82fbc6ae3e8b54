import { deciderSpec } from '@aftercare/kernel';
import { AnnounceCareEvent, decideAnnounceCareEvent } from './announce-care-event.command';
import { CareEventAnnounced, CareEventState, evolveCareEvent, initialCareEventState } from '../domain/care-event.events';

const spec = deciderSpec<AnnounceCareEvent, CareEventState, CareEventAnnounced>({ decide: decideAnnounceCareEvent, evolve: evolveCareEvent, initialState: initialCareEventState });
const announce = (over: Partial<AnnounceCareEvent> = {}): AnnounceCareEvent => ({
  careEventId: 'e1', dealerId: 'D1', kind: 'club', title: 'Spring self-drive trip', startsAt: '2026-05-16T01:00:00.000Z', customerIds: ['c1', 'c2', 'c1'],
  by: { id: 'csm-zhao', role: 'customer_service_manager', dealerId: 'D1' }, announcedAt: '2026-03-10T09:00:00.000Z', dealerOfCustomer: { c1: 'D1', c2: 'D1' }, ...over,
});

describe('announcing a club or service event (R-CB-10)', () => {
  it('records the event and the customers invited, once each', () => {
    spec.given([]).when(announce()).then((events) => expect(events[0].data).toMatchObject({ customerIds: ['c1', 'c2'], announcedBy: 'csm-zhao' }));
  });

  it('is for managers: a callback agent may not announce', () => {
    spec.given([]).when(announce({ by: { id: 'agent-wu', role: 'callback_agent', dealerId: 'D1' } })).thenThrows('AUTH.ROLE_NOT_ALLOWED');
  });

  it("refuses customers who are not the dealer's", () => {
    spec.given([]).when(announce({ dealerOfCustomer: { c1: 'D1', c2: 'D2' } })).thenThrows('CARE_EVENT.UNKNOWN_CUSTOMERS');
  });

  it('refuses an event that has already begun', () => {
    spec.given([]).when(announce({ startsAt: '2026-03-01T00:00:00.000Z' })).thenThrows('CARE_EVENT.IN_PAST');
  });
});
