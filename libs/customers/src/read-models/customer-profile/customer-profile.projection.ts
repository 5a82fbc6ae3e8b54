import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, ProjectionContext } from '@aftercare/projections';
import type { Collection } from '@aftercare/read-store';
import { ERASED } from '@aftercare/personal-data';
import type {
  ContactDetailsChanged,
  ContactPreferencesSet,
  CustomerFlaggedSensitive,
  CustomerRegistered,
  PersonalDataErased,
  ReferralRecorded,
} from '../../domain/customer.events';
import { PERSONAL_DETAIL_FIELDS } from '../../domain/customer.personal-data';
import type { VehicleRegistered, VisitRecorded } from '../../domain/vehicle.events';
import type { AppointmentBooked, AppointmentMissed } from '../../domain/appointment.events';
import { CUSTOMER_PROFILES, CustomerProfileDoc } from './customer-profile.document';
import { searchTerms } from './customer-search';
import { applySegmentOrTier, SEGMENT_AND_TIER_EVENT_TYPES } from './customer-profile.segment-tier';

type Handler<E> = (event: RecordedEvent & E, profiles: Collection<CustomerProfileDoc>) => Promise<void>;

/** Loads the profile, lets `change` edit it, and stores it back with the stream revision. */
async function edit(
  event: RecordedEvent,
  profiles: Collection<CustomerProfileDoc>,
  customerId: string,
  change: (doc: CustomerProfileDoc) => void,
): Promise<void> {
  const doc = await profiles.findOne({ _id: customerId });
  if (!doc) return; // events of customers registered before this projection's filter cannot happen; ignore defensively
  change(doc);
  if (event.streamId === `customer-${customerId}`) doc.revision = event.revision;
  doc.search = searchTerms(doc);
  doc.updatedAt = event.metadata.recordedAt;
  await profiles.replaceOne({ _id: customerId }, doc);
}

const on = {
  CustomerRegistered: (async (event, profiles) => {
    const d = event.data;
    const doc: CustomerProfileDoc = {
      _id: d.customerId,
      id: d.customerId,
      dealerId: d.dealerId,
      name: d.name,
      phone: d.phone,
      gender: d.gender ?? null,
      birthDate: d.birthDate ?? null,
      nationalId: d.nationalId ?? null,
      email: d.email ?? null,
      address: d.address ?? null,
      company: d.company ?? null,
      bestContactTime: d.bestContactTime ?? null,
      registeredAt: event.metadata.occurredAt,
      revision: event.revision,
      vehicles: [],
      visitLog: [],
      visits: { count: 0, lastVisitAt: null, spend: 0 },
      appointments: { booked: 0, kept: 0, missed: 0, excuses: [] },
      appointmentLog: [],
      referrals: [],
      referredBy: null,
      sensitiveFlags: [],
      contactPreferences: { doNotCall: [], reason: null },
      lateFiles: [],
      search: [],
      updatedAt: event.metadata.recordedAt,
    };
    doc.search = searchTerms(doc);
    await profiles.replaceOne({ _id: doc._id }, doc, { upsert: true });
  }) as Handler<CustomerRegistered>,

  ContactDetailsChanged: (async (event, profiles) => {
    const { customerId, ...changes } = event.data;
    await edit(event, profiles, customerId, (doc) => Object.assign(doc, changes));
  }) as Handler<ContactDetailsChanged>,

  /** The key is gone: every personal field reads as erased; history, counts and ids stay. */
  PersonalDataErased: (async (event, profiles) => {
    await edit(event, profiles, event.data.customerId, (doc) => {
      for (const field of PERSONAL_DETAIL_FIELDS) if (doc[field] !== null && doc[field] !== undefined) (doc as Record<string, unknown>)[field] = ERASED;
      doc.personalDataErasedAt = event.metadata.recordedAt;
    });
  }) as Handler<PersonalDataErased>,

  CustomerFlaggedSensitive: (async (event, profiles) => {
    const d = event.data;
    await edit(event, profiles, d.customerId, (doc) => {
      doc.sensitiveFlags.push({ kind: d.kind, reason: d.reason, flaggedBy: d.flaggedBy, flaggedByRole: d.flaggedByRole, at: event.metadata.occurredAt });
    });
  }) as Handler<CustomerFlaggedSensitive>,

  ContactPreferencesSet: (async (event, profiles) => {
    await edit(event, profiles, event.data.customerId, (doc) => {
      doc.contactPreferences = { doNotCall: event.data.doNotCall, reason: event.data.reason };
    });
  }) as Handler<ContactPreferencesSet>,

  ReferralRecorded: (async (event, profiles) => {
    const { customerId, referredCustomerId } = event.data;
    await edit(event, profiles, customerId, (doc) => void doc.referrals.push(referredCustomerId));
    await edit(event, profiles, referredCustomerId, (doc) => void (doc.referredBy = customerId));
  }) as Handler<ReferralRecorded>,

  VehicleRegistered: (async (event, profiles) => {
    const d = event.data;
    await edit(event, profiles, d.customerId, (doc) => {
      doc.vehicles.push({
        vin: d.vin,
        plate: d.plate,
        model: d.model,
        colour: d.colour ?? null,
        modelYear: d.modelYear ?? null,
        purchaseDate: d.purchaseDate,
        purchaseMethod: d.purchaseMethod ?? null,
        price: d.price ?? null,
        salesperson: d.salesperson ?? null,
        deliveredAt: d.deliveredAt,
        warrantyMonths: d.warrantyMonths,
        warrantyKm: d.warrantyKm,
        warrantyEndsAt: d.warrantyEndsAt,
        insurer: d.insurer ?? null,
        insuranceExpiry: d.insuranceExpiry ?? null,
        firstServiceDueAt: d.firstServiceDueAt ?? null,
        vinCheckDigitValid: d.vinCheckDigitValid,
        lastOdometerKm: null,
      });
    });
  }) as Handler<VehicleRegistered>,

  VisitRecorded: (async (event, profiles) => {
    const d = event.data;
    await edit(event, profiles, d.customerId, (doc) => {
      doc.visitLog.push({
        visitId: d.visitId, vin: d.vin, occurredAt: d.occurredAt, recordedAt: d.recordedAt, type: d.type,
        amount: d.amount, customerPaid: d.customerPaid, odometerKm: d.odometerKm, advisorId: d.advisorId, lateFile: d.lateFile,
      });
      doc.visitLog.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      doc.visits = summarizeVisits(doc.visitLog);
      const vehicle = doc.vehicles.find((v) => v.vin === d.vin);
      if (vehicle) vehicle.lastOdometerKm = Math.max(vehicle.lastOdometerKm ?? 0, d.odometerKm);
      if (d.lateFile) doc.lateFiles.push({ visitId: d.visitId, vin: d.vin, occurredAt: d.occurredAt, recordedAt: d.recordedAt });
    });
  }) as Handler<VisitRecorded>,

  ...Object.fromEntries(
    SEGMENT_AND_TIER_EVENT_TYPES.map((type) => [
      type,
      (async (event, profiles) => {
        const customerId = (event.data as { customerId?: string }).customerId;
        if (customerId) await edit(event, profiles, customerId, (doc) => applySegmentOrTier(doc, event));
      }) as Handler<object>,
    ]),
  ),

  AppointmentBooked: (async (event, profiles) => {
    const d = event.data;
    await edit(event, profiles, d.customerId, (doc) => {
      doc.appointments.booked++;
      doc.appointmentLog.push({ appointmentId: d.appointmentId, scheduledFor: d.scheduledFor, purpose: d.purpose, bookedAt: d.bookedAt, status: 'booked', excuse: null, revision: event.revision });
    });
  }) as Handler<AppointmentBooked>,

  AppointmentKept: (async (event, profiles) => {
    const d = event.data as { customerId: string; appointmentId: string };
    await edit(event, profiles, d.customerId, (doc) => {
      doc.appointments.kept++;
      settleAppointment(doc, d.appointmentId, 'kept', null, event.revision);
    });
  }) as Handler<object>,

  AppointmentMissed: (async (event, profiles) => {
    await edit(event, profiles, event.data.customerId, (doc) => {
      doc.appointments.missed++;
      if (event.data.excuse) doc.appointments.excuses.push(event.data.excuse);
      settleAppointment(doc, event.data.appointmentId, 'missed', event.data.excuse, event.revision);
    });
  }) as Handler<AppointmentMissed>,
};

function settleAppointment(doc: CustomerProfileDoc, appointmentId: string, status: 'kept' | 'missed', excuse: string | null, revision: number): void {
  const entry = doc.appointmentLog.find((a) => a.appointmentId === appointmentId);
  if (entry) Object.assign(entry, { status, excuse, revision });
}

/** Visit history summary: spend counts only what the customer paid (DOMAIN.md visit types). */
export function summarizeVisits(visitLog: CustomerProfileDoc['visitLog'], asOf?: string): CustomerProfileDoc['visits'] {
  const visits = asOf ? visitLog.filter((v) => v.occurredAt <= asOf) : visitLog;
  return {
    count: visits.length,
    lastVisitAt: visits.length ? visits[visits.length - 1].occurredAt : null,
    spend: visits.reduce((sum, v) => sum + (v.customerPaid ? v.amount : 0), 0),
  };
}

export const customerProfileProjection = defineProjection({
  name: 'customer-profile',
  version: 3,
  collections: {
    [CUSTOMER_PROFILES]: [
      { fields: { dealerId: 1, _id: 1 } },
      { fields: { search: 1 } },
      { fields: { 'vehicles.vin': 1 } },
      { fields: { 'appointmentLog.appointmentId': 1 } },
    ],
  },
  handlers: Object.fromEntries(
    Object.entries(on).map(([type, handler]) => [
      type,
      (event: RecordedEvent, ctx: ProjectionContext) =>
        (handler as Handler<unknown>)(event as never, ctx.collection<CustomerProfileDoc>(CUSTOMER_PROFILES)),
    ]),
  ),
});
