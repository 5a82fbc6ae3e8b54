import { deciderSpec } from '@aftercare/kernel';
import { decideRecordAppointmentOutcome, RecordAppointmentOutcome } from './record-appointment-outcome.command';
import { AppointmentBooked, AppointmentEvent, evolveAppointment, initialAppointmentState } from '../domain/appointment.events';

const spec = deciderSpec<RecordAppointmentOutcome, ReturnType<typeof initialAppointmentState>, AppointmentEvent>({
  decide: decideRecordAppointmentOutcome,
  evolve: evolveAppointment,
  initialState: initialAppointmentState,
});
const booked: AppointmentBooked = {
  type: 'AppointmentBooked',
  data: { appointmentId: 'a1', customerId: 'c1', dealerId: 'D1', scheduledFor: '2026-03-03T09:00:00.000Z', purpose: 'periodic maintenance', bookedAt: '2026-03-01T09:00:00.000Z' },
};

describe('appointment outcomes', () => {
  it('records a kept appointment', () => {
    spec.given([booked]).when({ appointmentId: 'a1', outcome: 'kept' }).then([{ type: 'AppointmentKept', data: { appointmentId: 'a1', customerId: 'c1' } }]);
  });
  it('records a missed appointment with the excuse given', () => {
    spec.given([booked]).when({ appointmentId: 'a1', outcome: 'missed', excuse: 'car was fine' }).then([
      { type: 'AppointmentMissed', data: { appointmentId: 'a1', customerId: 'c1', excuse: 'car was fine' } },
    ]);
  });
  it('refuses a second outcome for the same appointment', () => {
    spec.given([booked, { type: 'AppointmentKept', data: { appointmentId: 'a1', customerId: 'c1' } }]).when({ appointmentId: 'a1', outcome: 'missed', excuse: null }).thenThrows('APPOINTMENT.ALREADY_SETTLED');
  });
  it('refuses an outcome for an unknown appointment', () => {
    spec.given([]).when({ appointmentId: 'a9', outcome: 'kept' }).thenThrows('APPOINTMENT.NOT_FOUND');
  });
});
