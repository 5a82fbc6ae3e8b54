import { deciderSpec } from '@aftercare/kernel';
import { decideRegisterVehicle, RegisterVehicle } from './register-vehicle.command';
import { evolveVehicle, initialVehicleState } from '../domain/vehicle.state';
import type { VehicleEvent, VehicleRegistered } from '../domain/vehicle.events';
import { hasValidCheckDigit, vinCheckDigit } from '../domain/vin';

const spec = deciderSpec<RegisterVehicle, ReturnType<typeof initialVehicleState>, VehicleEvent>({
  decide: decideRegisterVehicle,
  evolve: evolveVehicle,
  initialState: initialVehicleState,
});

const command = (vin: string, customerExists = true): RegisterVehicle => ({
  customerId: 'c1',
  dealerId: 'D1',
  customerExists,
  details: { vin, plate: '粤B88888', model: 'Sagitar', purchaseDate: '2025-03-01T00:00:00.000Z', deliveredAt: '2025-03-10T00:00:00.000Z', warrantyMonths: 24, warrantyKm: 40000 },
});

describe('registering a vehicle', () => {
  it('computes the warranty end from delivery and the warranty period', () => {
    spec.given([]).when(command('1M8GDM9AXKP042788')).then((events) => {
      expect((events[0] as VehicleRegistered).data.warrantyEndsAt).toBe('2027-03-10T00:00:00.000Z');
      expect((events[0] as VehicleRegistered).data.vinCheckDigitValid).toBe(true);
    });
  });

  it('accepts but flags a VIN whose check digit does not match', () => {
    spec.given([]).when(command('1M8GDM9A1KP042788')).then((events) => expect((events[0] as VehicleRegistered).data.vinCheckDigitValid).toBe(false));
  });

  it('refuses a VIN containing I, O or Q', () => {
    const err = spec.given([]).when(command('1M8GDM9AXKP04278O')).thenThrows('VEHICLE.INVALID_VIN');
    expect(err.fields[0].field).toBe('vin');
  });

  it('refuses a VIN that is not 17 characters', () => {
    spec.given([]).when(command('1M8GDM9AXKP0427')).thenThrows('VEHICLE.INVALID_VIN');
  });

  it('refuses a vehicle already registered', () => {
    const first = decideRegisterVehicle(command('1M8GDM9AXKP042788'), initialVehicleState());
    spec.given(first).when(command('1M8GDM9AXKP042788')).thenThrows('VEHICLE.ALREADY_REGISTERED');
  });

  it('refuses a vehicle for a customer who does not exist', () => {
    spec.given([]).when(command('1M8GDM9AXKP042788', false)).thenThrows('CUSTOMER.NOT_FOUND');
  });
});

describe('VIN check digit', () => {
  it('computes the ISO 3779 check digit, X for ten', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(hasValidCheckDigit('11111111111111111')).toBe(true);
  });
});
