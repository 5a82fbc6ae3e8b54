import type { DomainEvent } from '@aftercare/kernel';
import type { VisitType } from './visit-types';

export const VehicleEventTypes = {
  VehicleRegistered: 'VehicleRegistered',
  VisitRecorded: 'VisitRecorded',
} as const;

export interface VehicleDetails {
  vin: string;
  plate: string;
  model: string;
  colour?: string | null;
  modelYear?: number | null;
  purchaseDate: string;
  purchaseMethod?: 'cash' | 'loan' | 'lease' | null;
  price?: number | null;
  salesperson?: string | null;
  deliveredAt: string;
  warrantyMonths: number;
  warrantyKm: number;
  insurer?: string | null;
  insuranceExpiry?: string | null;
  firstServiceDueAt?: string | null;
}

export type VehicleRegistered = DomainEvent<
  'VehicleRegistered',
  VehicleDetails & {
    customerId: string;
    dealerId: string;
    /** Derived: delivery + warranty months (whichever of time or distance ends first). */
    warrantyEndsAt: string;
    /** False when the 9th character is not the ISO 3779 check digit: kept, flagged. */
    vinCheckDigitValid: boolean;
  }
>;

export type VisitRecorded = DomainEvent<
  'VisitRecorded',
  {
    visitId: string;
    vin: string;
    customerId: string;
    dealerId: string;
    occurredAt: string;
    recordedAt: string;
    odometerKm: number;
    type: VisitType;
    amount: number;
    /** Only what the customer paid counts toward spend (DOMAIN.md visit types). */
    customerPaid: boolean;
    advisorId: string;
    /** R-CF-1: the file entry was made more than 2 days after the visit. */
    lateFile: boolean;
  }
>;

export type VehicleEvent = VehicleRegistered | VisitRecorded;
