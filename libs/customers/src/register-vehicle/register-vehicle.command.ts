import { addMonths, DomainError } from '@aftercare/kernel';
import type { VehicleDetails, VehicleRegistered } from '../domain/vehicle.events';
import type { VehicleState } from '../domain/vehicle.state';
import { CustomerErrors } from '../domain/customer.errors';
import { hasValidCheckDigit, isWellFormedVin } from '../domain/vin';

export interface RegisterVehicle {
  customerId: string;
  dealerId: string;
  customerExists: boolean;
  details: VehicleDetails;
}

export function decideRegisterVehicle(command: RegisterVehicle, state: VehicleState): VehicleRegistered[] {
  const { details } = command;
  if (!isWellFormedVin(details.vin)) {
    throw DomainError.invalid('VEHICLE.INVALID_VIN', 'a VIN has 17 characters, digits and capital letters except I, O and Q', [
      { field: 'vin', message: 'must be 17 characters without I, O or Q' },
    ]);
  }
  if (!command.customerExists) throw CustomerErrors.notFound(command.customerId);
  if (state.exists) throw CustomerErrors.vehicleAlreadyRegistered(details.vin);
  return [
    {
      type: 'VehicleRegistered',
      data: {
        ...details,
        customerId: command.customerId,
        dealerId: command.dealerId,
        // DOMAIN.md: the warranty is a period and a distance, whichever ends first;
        // the period's end is fixed at delivery, the distance is checked per visit.
        warrantyEndsAt: addMonths(details.deliveredAt, details.warrantyMonths),
        vinCheckDigitValid: hasValidCheckDigit(details.vin),
      },
    },
  ];
}
