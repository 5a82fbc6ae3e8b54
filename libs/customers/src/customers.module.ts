import { Module } from '@nestjs/common';
import { RegisterCustomerController } from './register-customer/register-customer.http';
import { RegisterCustomerHandler } from './register-customer/register-customer.handler';
import { ChangeContactDetailsController } from './change-contact-details/change-contact-details.http';
import { ChangeContactDetailsHandler } from './change-contact-details/change-contact-details.handler';
import { FlagSensitiveCustomerController } from './flag-sensitive-customer/flag-sensitive-customer.http';
import { FlagSensitiveCustomerHandler } from './flag-sensitive-customer/flag-sensitive-customer.handler';
import { SetContactPreferencesController } from './set-contact-preferences/set-contact-preferences.http';
import { SetContactPreferencesHandler } from './set-contact-preferences/set-contact-preferences.handler';
import { RecordReferralController } from './record-referral/record-referral.http';
import { RecordReferralHandler } from './record-referral/record-referral.handler';
import { RegisterVehicleController } from './register-vehicle/register-vehicle.http';
import { RegisterVehicleHandler } from './register-vehicle/register-vehicle.handler';
import { RecordVisitController } from './record-visit/record-visit.http';
import { RecordVisitHandler } from './record-visit/record-visit.handler';
import { BookAppointmentController } from './book-appointment/book-appointment.http';
import { BookAppointmentHandler } from './book-appointment/book-appointment.handler';
import { RecordAppointmentOutcomeController } from './record-appointment-outcome/record-appointment-outcome.http';
import { RecordAppointmentOutcomeHandler } from './record-appointment-outcome/record-appointment-outcome.handler';
import { ErasePersonalDataController } from './erase-personal-data/erase-personal-data.http';
import { ErasePersonalDataHandler } from './erase-personal-data/erase-personal-data.handler';
import { AppointmentController, CustomerProfileController, VehicleController } from './read-models/customer-profile/customer-profile.http';
import { CustomerProfileQuery } from './read-models/customer-profile/customer-profile.query';
import { CustomerProfileResolver } from './read-models/customer-profile/customer-profile.resolver';

/** The customers context's one public module (API.md "Customers and vehicles"). */
@Module({
  controllers: [
    RegisterCustomerController,
    CustomerProfileController,
    VehicleController,
    AppointmentController,
    ChangeContactDetailsController,
    FlagSensitiveCustomerController,
    SetContactPreferencesController,
    RecordReferralController,
    RegisterVehicleController,
    RecordVisitController,
    BookAppointmentController,
    RecordAppointmentOutcomeController,
    ErasePersonalDataController,
  ],
  providers: [
    RegisterCustomerHandler,
    ChangeContactDetailsHandler,
    FlagSensitiveCustomerHandler,
    SetContactPreferencesHandler,
    RecordReferralHandler,
    RegisterVehicleHandler,
    RecordVisitHandler,
    BookAppointmentHandler,
    RecordAppointmentOutcomeHandler,
    ErasePersonalDataHandler,
    CustomerProfileQuery,
    CustomerProfileResolver,
  ],
  exports: [CustomerProfileQuery],
})
export class CustomersModule {}
