import type { DomainEvent } from '@aftercare/kernel';

export type AppointmentBooked = DomainEvent<
  'AppointmentBooked',
  { appointmentId: string; customerId: string; dealerId: string; scheduledFor: string; purpose: string; bookedAt: string }
>;
export type AppointmentKept = DomainEvent<'AppointmentKept', { appointmentId: string; customerId: string }>;
/** Missed appointments and the excuses given are churn signals (DOMAIN.md "Segmentation"). */
export type AppointmentMissed = DomainEvent<'AppointmentMissed', { appointmentId: string; customerId: string; excuse: string | null }>;

export type AppointmentEvent = AppointmentBooked | AppointmentKept | AppointmentMissed;

export interface AppointmentState {
  exists: boolean;
  appointmentId: string | null;
  customerId: string | null;
  dealerId: string | null;
  status: 'booked' | 'kept' | 'missed' | null;
}

export function initialAppointmentState(): AppointmentState {
  return { exists: false, appointmentId: null, customerId: null, dealerId: null, status: null };
}

export function evolveAppointment(state: AppointmentState, event: AppointmentEvent): AppointmentState {
  switch (event.type) {
    case 'AppointmentBooked':
      return { exists: true, appointmentId: event.data.appointmentId, customerId: event.data.customerId, dealerId: event.data.dealerId, status: 'booked' };
    case 'AppointmentKept':
      return { ...state, status: 'kept' };
    case 'AppointmentMissed':
      return { ...state, status: 'missed' };
    default:
      return state;
  }
}
