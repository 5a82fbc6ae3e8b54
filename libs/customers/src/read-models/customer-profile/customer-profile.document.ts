import type { SensitiveKind } from '../../domain/customer.events';
import type { VisitType } from '../../domain/visit-types';

export interface ProfileVehicle {
  vin: string;
  plate: string;
  model: string;
  colour: string | null;
  modelYear: number | null;
  purchaseDate: string;
  purchaseMethod: string | null;
  price: number | null;
  salesperson: string | null;
  deliveredAt: string;
  warrantyMonths: number;
  warrantyKm: number;
  warrantyEndsAt: string;
  insurer: string | null;
  insuranceExpiry: string | null;
  firstServiceDueAt: string | null;
  vinCheckDigitValid: boolean;
  lastOdometerKm: number | null;
}

export interface ProfileVisit {
  visitId: string;
  vin: string;
  occurredAt: string;
  recordedAt: string;
  type: VisitType;
  amount: number;
  customerPaid: boolean;
  odometerKm: number;
  advisorId: string;
  lateFile: boolean;
}

/** The `customer_profiles` document: the customer file as advisors and managers read it. */
export interface CustomerProfileDoc {
  _id: string;
  id: string;
  dealerId: string;
  name: string;
  phone: string;
  gender: string | null;
  birthDate: string | null;
  nationalId: string | null;
  email: string | null;
  address: string | null;
  company: string | null;
  bestContactTime: string | null;
  registeredAt: string;
  /** Revision of the customer stream: the ETag of commands on the customer. */
  revision: number;
  vehicles: ProfileVehicle[];
  visitLog: ProfileVisit[];
  /** Summary as of now; `asOf` reads recompute it from visitLog. */
  visits: { count: number; lastVisitAt: string | null; spend: number };
  appointments: { booked: number; kept: number; missed: number; excuses: string[] };
  appointmentLog: {
    appointmentId: string;
    scheduledFor: string;
    purpose: string;
    bookedAt: string;
    status: 'booked' | 'kept' | 'missed';
    excuse: string | null;
    /** Revision of the appointment's stream: its ETag. */
    revision: number;
  }[];
  referrals: string[];
  referredBy: string | null;
  sensitiveFlags: { kind: SensitiveKind; reason: string; flaggedBy: string; flaggedByRole: string; at: string }[];
  contactPreferences: { doNotCall: string[]; reason: string | null };
  /** R-CF-1: visits whose file entry was made more than 2 days late. */
  lateFiles: { visitId: string; vin: string; occurredAt: string; recordedAt: string }[];
  /** When the personal data was erased (DELETE /customers/{id}/personal-data); absent before. */
  personalDataErasedAt?: string | null;
  /** Normalised search terms for `GET /customers?q=`. */
  search: string[];
  updatedAt: string;
  [key: string]: unknown;
}

export const CUSTOMER_PROFILES = 'customer_profiles';
