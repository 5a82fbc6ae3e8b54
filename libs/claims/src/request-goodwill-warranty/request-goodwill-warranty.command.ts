import type { Actor } from '@aftercare/kernel';
import type { GoodwillWarrantyRequested, WarrantyEligibility } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { GOODWILL_WARRANTY_FLOW } from '../domain/claim.flows';
import { ClaimErrors } from '../domain/claim.errors';
import { seal } from '../domain/claim-step';

/** The customer as its stream says (customers context). */
export interface CustomerFacts {
  customerId: string;
  dealerId: string;
  /** R-CF-2 flags. */
  sensitiveKinds: string[];
}

/** The vehicle as its stream says: owner, warranty (period and distance) and the odometer readings. */
export interface VehicleFacts {
  vin: string;
  customerId: string;
  dealerId: string;
  warrantyEndsAt: string;
  warrantyKm: number;
  lastOdometerKm: number | null;
}

export interface RequestGoodwillWarranty {
  kind: 'RequestGoodwillWarranty';
  claimId: string;
  by: Actor;
  at: string;
  customerId: string;
  vin: string;
  failureDescription: string;
  customer: CustomerFacts | null;
  vehicle: VehicleFacts | null;
  dealerRegion: string | null;
}

/**
 * R-GW-1 at the request (R-GW-2's first step): the customer is sensitive (R-CF-2) and
 * the vehicle is out of warranty: its period ended or its distance was reached,
 * whichever came first (DOMAIN.md "Customer file", warranty). The quality question is
 * the technical assessment's.
 */
export function decideRequestGoodwillWarranty(command: RequestGoodwillWarranty, _state: ClaimState): GoodwillWarrantyRequested[] {
  if (!GOODWILL_WARRANTY_FLOW.steps[0].roles.includes(command.by.role as never)) {
    throw ClaimErrors.roleNotAllowed(command.by.role, 'request a goodwill warranty claim');
  }
  const { customer, vehicle } = command;
  if (!customer) throw ClaimErrors.customerNotFound(command.customerId);
  if (command.by.dealerId !== customer.dealerId) throw ClaimErrors.outOfScope(`dealer ${customer.dealerId}`);
  if (!vehicle) throw ClaimErrors.vehicleNotFound(command.vin);
  if (vehicle.customerId !== customer.customerId) throw ClaimErrors.vehicleNotCustomers(command.vin);
  if (!command.dealerRegion) throw ClaimErrors.dealerUnknown(customer.dealerId);
  if (customer.sensitiveKinds.length === 0) throw ClaimErrors.customerNotSensitive();
  const outOfWarrantyBy: WarrantyEligibility['outOfWarrantyBy'] = [];
  if (Date.parse(command.at) >= Date.parse(vehicle.warrantyEndsAt)) outOfWarrantyBy.push('time');
  if (vehicle.lastOdometerKm !== null && vehicle.lastOdometerKm >= vehicle.warrantyKm) outOfWarrantyBy.push('distance');
  if (outOfWarrantyBy.length === 0) throw ClaimErrors.vehicleInWarranty(vehicle.warrantyEndsAt, vehicle.warrantyKm);
  return [
    seal(null, {
      type: 'GoodwillWarrantyRequested',
      data: {
        claimId: command.claimId,
        step: 'request',
        actorId: command.by.id,
        role: command.by.role,
        at: command.at,
        claimRevision: 1,
        contentHash: '',
        seenRevision: -1,
        type: 'goodwill_warranty',
        dealerId: customer.dealerId,
        region: command.dealerRegion,
        customerId: customer.customerId,
        vin: vehicle.vin,
        failureDescription: command.failureDescription,
        eligibility: {
          sensitiveKinds: [...customer.sensitiveKinds],
          warrantyEndsAt: vehicle.warrantyEndsAt,
          warrantyKm: vehicle.warrantyKm,
          lastOdometerKm: vehicle.lastOdometerKm,
          outOfWarrantyBy,
          checkedAt: command.at,
        },
      },
    }),
  ];
}
