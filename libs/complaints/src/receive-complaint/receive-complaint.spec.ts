import { actors, complaintSpec, RECEIVED_AT } from '../testing/complaint-history.fixture';
import { decideReceiveComplaint, ReceiveComplaint } from './receive-complaint.command';
import type { ComplaintReceived } from '../domain/complaint.events';

const spec = complaintSpec(decideReceiveComplaint);

const intake = (over: Partial<ReceiveComplaint> = {}): ReceiveComplaint => ({
  complaintId: 'cp-1',
  dealerId: 'D1',
  customerId: 'cust-wang',
  vin: 'LSVAU2180N2183294',
  channel: 'walk_in',
  subject: 'price',
  description: 'You quoted 200 yuan for the blower and now ask 1,000.',
  expectedResolution: 'Charge the quoted price',
  severity: 'normal',
  callbackId: null,
  by: actors.advisor,
  occurredAt: RECEIVED_AT,
  recordedAt: RECEIVED_AT,
  customerDealerId: 'D1',
  vehicleOwnerId: 'cust-wang',
  ...over,
});

describe('taking a complaint', () => {
  it('records the customer, vehicle, channel, subject, their own words, the expected resolution and who took it', () => {
    spec.given([]).when(intake()).then((events) => {
      expect(events).toHaveLength(1);
      expect((events[0] as ComplaintReceived).data).toMatchObject({
        customerId: 'cust-wang', vin: 'LSVAU2180N2183294', channel: 'walk_in', subject: 'price',
        expectedResolution: 'Charge the quoted price', takenBy: 'sa-li', takenByRole: 'service_advisor', receivedAt: RECEIVED_AT,
      });
    });
  });

  it('notifies the dealer general manager at once of a major complaint (R-CP-4)', () => {
    spec.given([]).when(intake({ severity: 'major' })).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['ComplaintReceived', 'DealerGeneralManagerNotified']);
      expect(events[1].data).toEqual({ complaintId: 'cp-1', dealerId: 'D1', rule: 'R-CP-4' });
    });
  });

  it('does not notify the general manager of a normal complaint (R-CP-4)', () => {
    spec.given([]).when(intake({ severity: 'normal' })).then((events) => expect(events.map((e) => e.type)).toEqual(['ComplaintReceived']));
  });

  it('counts deadlines from a back-dated intake, which is kept as the time it was taken', () => {
    spec.given([]).when(intake({ occurredAt: '2026-02-20T09:00:00.000Z', recordedAt: RECEIVED_AT })).then((events) => {
      expect((events[0] as ComplaintReceived).data.receivedAt).toBe('2026-02-20T09:00:00.000Z');
    });
  });

  it('refuses an intake dated in the future', () => {
    spec.given([]).when(intake({ occurredAt: '2026-03-02T10:00:00.000Z' })).thenThrows('COMPLAINT.OCCURRED_IN_FUTURE');
  });

  it('keeps the callback that found the complaint', () => {
    spec.given([]).when(intake({ channel: 'callback', callbackId: 'cb-9', callbackCustomerId: 'cust-wang', by: actors.agent })).then((events) => {
      expect((events[0] as ComplaintReceived).data).toMatchObject({ channel: 'callback', callbackId: 'cb-9', takenByRole: 'callback_agent' });
    });
  });

  it('refuses a link to a callback that does not exist or calls another customer', () => {
    spec.given([]).when(intake({ callbackId: 'cb-404', callbackCustomerId: null })).thenThrows('COMPLAINT.CALLBACK_NOT_OF_CUSTOMER');
    spec.given([]).when(intake({ callbackId: 'cb-9', callbackCustomerId: 'C2' })).thenThrows('COMPLAINT.CALLBACK_NOT_OF_CUSTOMER');
  });

  it('lets service advisors, callback agents and the customer service manager take complaints, and no one else', () => {
    for (const actor of [actors.advisor, actors.agent, actors.manager, actors.admin]) {
      spec.given([]).when(intake({ by: actor })).then((events) => expect(events).toHaveLength(1));
    }
    for (const actor of [actors.supervisor, actors.director, actors.auditor]) {
      spec.given([]).when(intake({ by: actor })).thenThrows('AUTH.ROLE_NOT_ALLOWED');
    }
  });

  it("refuses a complaint filed for another dealer's customer", () => {
    spec.given([]).when(intake({ customerDealerId: 'D2' })).thenThrows('AUTH.OUT_OF_SCOPE');
    spec.given([]).when(intake({ by: actors.otherDealerManager })).thenThrows('AUTH.OUT_OF_SCOPE');
  });

  it('refuses a complaint about an unknown customer', () => {
    spec.given([]).when(intake({ customerDealerId: null })).thenThrows('COMPLAINT.UNKNOWN_CUSTOMER');
  });

  it("refuses a vehicle that is not the customer's", () => {
    spec.given([]).when(intake({ vehicleOwnerId: 'cust-other' })).thenThrows('COMPLAINT.VEHICLE_NOT_OWNED');
    spec.given([]).when(intake({ vehicleOwnerId: null })).thenThrows('COMPLAINT.VEHICLE_NOT_OWNED');
  });

  it('takes a complaint that names no vehicle', () => {
    spec.given([]).when(intake({ vin: null, vehicleOwnerId: null, subject: 'staff_attitude' })).then((events) => {
      expect((events[0] as ComplaintReceived).data.vin).toBeNull();
    });
  });

  it('refuses a channel, subject or severity outside the lists', () => {
    spec.given([]).when(intake({ channel: 'fax' as never })).thenThrows('COMPLAINT.INVALID_VALUE');
    spec.given([]).when(intake({ subject: 'weather' as never })).thenThrows('COMPLAINT.INVALID_VALUE');
    spec.given([]).when(intake({ severity: 'critical' as never })).thenThrows('COMPLAINT.INVALID_VALUE');
  });
});
