import type { AppointmentBooked, AppointmentState } from '../domain/appointment.events';
import { CustomerErrors } from '../domain/customer.errors';

export interface BookAppointment {
  appointmentId: string;
  customerId: string;
  dealerId: string;
  customerExists: boolean;
  scheduledFor: string;
  purpose: string;
  bookedAt: string;
}

export function decideBookAppointment(command: BookAppointment, _state: AppointmentState): AppointmentBooked[] {
  if (!command.customerExists) throw CustomerErrors.notFound(command.customerId);
  const { customerExists: _exists, ...data } = command;
  return [{ type: 'AppointmentBooked', data: { ...data, scheduledFor: new Date(data.scheduledFor).toISOString() } }];
}
