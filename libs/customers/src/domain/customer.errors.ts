import { DomainError } from '@aftercare/kernel';

export const CustomerErrors = {
  notFound: (id: string) => DomainError.notFound('CUSTOMER.NOT_FOUND', `customer ${id} does not exist`),
  alreadyFlagged: (kind: string) => DomainError.conflict('CUSTOMER.ALREADY_FLAGGED', `the customer is already flagged ${kind}`),
  selfReferral: () => DomainError.conflict('CUSTOMER.SELF_REFERRAL', 'a customer cannot refer themselves'),
  alreadyReferred: () => DomainError.conflict('CUSTOMER.ALREADY_REFERRED', 'this referral is already recorded'),
  circularReferral: () => DomainError.conflict('CUSTOMER.CIRCULAR_REFERRAL', 'the referred customer already referred this customer'),
  referredNotFound: (id: string) => DomainError.unprocessable('CUSTOMER.REFERRED_NOT_FOUND', `referred customer ${id} does not exist`),
  personalDataErased: (id: string) =>
    DomainError.conflict('CUSTOMER.PERSONAL_DATA_ERASED', `the personal data of customer ${id} was erased; nothing personal can be recorded for them again`),
  otherDealer: () => DomainError.forbidden('CUSTOMER.OTHER_DEALER', 'the customer belongs to another dealer'),
  vehicleNotFound: (vin: string) => DomainError.notFound('VEHICLE.NOT_FOUND', `vehicle ${vin} is not registered`),
  vehicleAlreadyRegistered: (vin: string) => DomainError.conflict('VEHICLE.ALREADY_REGISTERED', `vehicle ${vin} is already registered`),
  odometerBackwards: (km: number, before: number) =>
    DomainError.conflict('VEHICLE.ODOMETER_BACKWARDS', `odometer ${km} km is below the ${before} km already recorded before that date`),
  odometerAhead: (km: number, after: number) =>
    DomainError.conflict('VEHICLE.ODOMETER_BACKWARDS', `odometer ${km} km is above the ${after} km recorded at a later visit`),
  visitBeforeDelivery: () => DomainError.conflict('VEHICLE.VISIT_BEFORE_DELIVERY', 'a service visit cannot precede the delivery date'),
  appointmentNotFound: (id: string) => DomainError.notFound('APPOINTMENT.NOT_FOUND', `appointment ${id} does not exist`),
  appointmentSettled: (status: string) => DomainError.conflict('APPOINTMENT.ALREADY_SETTLED', `the appointment is already ${status}`),
};
