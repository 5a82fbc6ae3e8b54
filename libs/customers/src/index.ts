/** What other contexts may import from the customers context. */
export { customersContext } from './customers.context';
export { CustomersModule } from './customers.module';
export { CustomerProfileQuery } from './read-models/customer-profile/customer-profile.query';
export { CUSTOMER_PROFILES } from './read-models/customer-profile/customer-profile.document';
export type { CustomerProfileDoc, ProfileVehicle, ProfileVisit } from './read-models/customer-profile/customer-profile.document';
export { CustomerEventTypes, SENSITIVE_KINDS } from './domain/customer.events';
export type * from './domain/customer.events';
export { VehicleEventTypes } from './domain/vehicle.events';
export type * from './domain/vehicle.events';
export type * from './domain/appointment.events';
export { VISIT_TYPES, VISIT_TYPE_NAMES, isCustomerPaid } from './domain/visit-types';
export type { VisitType } from './domain/visit-types';
export { customerStream, vehicleStream, appointmentStream } from './domain/streams';
export { evolveCustomer, initialCustomerState } from './domain/customer.state';
export type { CustomerState } from './domain/customer.state';
export { evolveVehicle, initialVehicleState } from './domain/vehicle.state';
export type { VehicleState } from './domain/vehicle.state';
export { customerAsOf } from './read-models/customer-profile/customer-profile.as-of';

/** Commands other code may send on the CommandBus (e.g. the demo generator in libs/demo). */
export { RegisterCustomerCommand } from './register-customer/register-customer.handler';
export { RegisterVehicleCommand } from './register-vehicle/register-vehicle.handler';
export { RecordVisitCommand } from './record-visit/record-visit.handler';
export { BookAppointmentCommand } from './book-appointment/book-appointment.handler';
export { RecordAppointmentOutcomeCommand } from './record-appointment-outcome/record-appointment-outcome.handler';
