import type { AppointmentKept, AppointmentMissed, AppointmentState } from '../domain/appointment.events';
import { CustomerErrors } from '../domain/customer.errors';

export type RecordAppointmentOutcome =
  | { appointmentId: string; outcome: 'kept' }
  | { appointmentId: string; outcome: 'missed'; excuse: string | null };

export function decideRecordAppointmentOutcome(
  command: RecordAppointmentOutcome,
  state: AppointmentState,
): (AppointmentKept | AppointmentMissed)[] {
  if (!state.exists) throw CustomerErrors.appointmentNotFound(command.appointmentId);
  if (state.status !== 'booked') throw CustomerErrors.appointmentSettled(state.status ?? 'unknown');
  const base = { appointmentId: command.appointmentId, customerId: state.customerId! };
  return command.outcome === 'kept'
    ? [{ type: 'AppointmentKept', data: base }]
    : [{ type: 'AppointmentMissed', data: { ...base, excuse: command.excuse ?? null } }];
}
