import type { CustomerProfileDoc } from './customer-profile.document';
import { summarizeVisits } from './customer-profile.projection';
import { segmentAsOf, tierAsOf } from './customer-profile.segment-tier';

/**
 * The customer read shape of API.md ("Read shapes"), as of an instant: the visit
 * history, its summary and the sensitive flags only count what had happened by
 * then (business time), so an as-of read is stable over time.
 */
export function toCustomerView(doc: CustomerProfileDoc, asOf?: string) {
  const visitLog = asOf ? doc.visitLog.filter((v) => v.occurredAt <= asOf) : doc.visitLog;
  const flags = asOf ? doc.sensitiveFlags.filter((f) => f.at <= asOf) : doc.sensitiveFlags;
  return {
    id: doc.id,
    dealerId: doc.dealerId,
    name: doc.name,
    phone: doc.phone,
    gender: doc.gender,
    birthDate: doc.birthDate,
    nationalId: doc.nationalId,
    email: doc.email,
    address: doc.address,
    company: doc.company,
    bestContactTime: doc.bestContactTime,
    registeredAt: doc.registeredAt,
    /** Set once the personal data was erased: the personal fields above then read `[erased]`. */
    personalDataErasedAt: asOf && doc.personalDataErasedAt && doc.personalDataErasedAt > asOf ? null : (doc.personalDataErasedAt ?? null),
    vehicles: doc.vehicles,
    visits: summarizeVisits(doc.visitLog, asOf),
    visitHistory: visitLog,
    appointments: doc.appointments,
    appointmentHistory: doc.appointmentLog ?? [],
    referrals: doc.referrals,
    referredBy: doc.referredBy,
    sensitiveFlags: flags,
    sensitive: flags.length > 0,
    contactPreferences: doc.contactPreferences,
    lateFiles: asOf ? doc.lateFiles.filter((l) => l.recordedAt <= asOf) : doc.lateFiles,
    segment: segmentAsOf(doc, asOf),
    tier: tierAsOf(doc, asOf),
    revision: doc.revision,
    ...(asOf ? { asOf } : {}),
  };
}

export type CustomerView = ReturnType<typeof toCustomerView>;
