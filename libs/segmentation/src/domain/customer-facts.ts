import type { RecordedEvent } from '@aftercare/kernel';
import type { VisitType } from '@aftercare/customers';

/**
 * What segmentation knows of one customer: the facts of the customer file,
 * callbacks and appointments that the signals are computed from, each at its
 * business time (a visit filed late lands at its visit date, R-CF-1), so the
 * segment timeline is a function of these facts alone (R-SG-2).
 */
export interface CustomerFacts {
  customerId: string;
  dealerId: string;
  registeredAt: string;
  visits: Array<{ visitId: string; at: string; vin: string; type: VisitType; amount: number; customerPaid: boolean; odometerKm: number; advisorId: string }>;
  vehicles: Array<{ vin: string; deliveredAt: string; purchaseDate: string; price: number | null }>;
  appointments: Array<{ appointmentId: string; bookedAt: string; scheduledFor: string; status: 'booked' | 'kept' | 'missed'; settledAt: string | null; excuse: string | null }>;
  referrals: Array<{ referredCustomerId: string; at: string }>;
  callbackScores: Array<{ callbackId: string; at: string; satisfaction: number }>;
  sensitiveFlags: Array<{ kind: string; at: string }>;
}

/** Source event types (customer file, appointments, callbacks) the facts are folded from. */
export const SOURCE_EVENT_TYPES = [
  'VisitRecorded',
  'VehicleRegistered',
  'AppointmentBooked',
  'AppointmentKept',
  'AppointmentMissed',
  'ReferralRecorded',
  'CustomerFlaggedSensitive',
  'CallbackCompleted',
] as const;

export function newCustomerFacts(customerId: string, dealerId: string, registeredAt: string): CustomerFacts {
  return { customerId, dealerId, registeredAt, visits: [], vehicles: [], appointments: [], referrals: [], callbackScores: [], sensitiveFlags: [] };
}

/** The customer a source event is about (the referrer for a referral). */
export function customerOf(event: RecordedEvent): string | null {
  const customerId = (event.data as { customerId?: unknown }).customerId;
  return typeof customerId === 'string' ? customerId : null;
}

/** Dates-only and offset instants become one comparable form (ISO 8601, UTC, ms). */
const iso = (value: unknown, fallback: string): string => {
  const ms = typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN;
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
};

const byTime = <T extends { at: string }>(list: T[]) => list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/**
 * Folds one source event into the facts; returns the business time from which
 * the facts changed (the timeline before it stands), or null when nothing changed
 * (a replayed fact). Idempotent per fact id, so a re-delivered event is harmless.
 */
export function applySourceEvent(facts: CustomerFacts, event: RecordedEvent): string | null {
  const d = event.data as Record<string, any>;
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'VisitRecorded':
      if (facts.visits.some((v) => v.visitId === d.visitId)) return null;
      facts.visits.push({
        visitId: d.visitId, at: iso(d.occurredAt, at), vin: d.vin, type: d.type, amount: Number(d.amount) || 0,
        customerPaid: !!d.customerPaid, odometerKm: Number(d.odometerKm) || 0, advisorId: d.advisorId,
      });
      byTime(facts.visits);
      return facts.visits.find((v) => v.visitId === d.visitId)!.at;
    case 'VehicleRegistered': {
      if (facts.vehicles.some((v) => v.vin === d.vin)) return null;
      const deliveredAt = iso(d.deliveredAt, at);
      const purchaseDate = iso(d.purchaseDate, deliveredAt);
      facts.vehicles.push({ vin: d.vin, deliveredAt, purchaseDate, price: typeof d.price === 'number' ? d.price : null });
      return purchaseDate < deliveredAt ? purchaseDate : deliveredAt;
    }
    case 'AppointmentBooked': {
      if (facts.appointments.some((a) => a.appointmentId === d.appointmentId)) return null;
      const bookedAt = iso(d.bookedAt, at);
      facts.appointments.push({ appointmentId: d.appointmentId, bookedAt, scheduledFor: iso(d.scheduledFor, bookedAt), status: 'booked', settledAt: null, excuse: null });
      return bookedAt;
    }
    case 'AppointmentKept':
    case 'AppointmentMissed': {
      const appointment = facts.appointments.find((a) => a.appointmentId === d.appointmentId);
      if (!appointment || appointment.status !== 'booked') return null;
      appointment.status = event.type === 'AppointmentKept' ? 'kept' : 'missed';
      appointment.settledAt = at;
      appointment.excuse = event.type === 'AppointmentMissed' ? (d.excuse ?? null) : null;
      return at;
    }
    case 'ReferralRecorded':
      if (facts.referrals.some((r) => r.referredCustomerId === d.referredCustomerId)) return null;
      facts.referrals.push({ referredCustomerId: d.referredCustomerId, at });
      byTime(facts.referrals);
      return at;
    case 'CustomerFlaggedSensitive':
      facts.sensitiveFlags.push({ kind: d.kind, at });
      byTime(facts.sensitiveFlags);
      return at;
    case 'CallbackCompleted': {
      if (typeof d.satisfaction !== 'number' || facts.callbackScores.some((c) => c.callbackId === d.callbackId)) return null;
      const completedAt = iso(d.completedAt, at);
      facts.callbackScores.push({ callbackId: d.callbackId, at: completedAt, satisfaction: d.satisfaction });
      byTime(facts.callbackScores);
      return completedAt;
    }
    default:
      return null;
  }
}
