import { addDays, MS_PER_DAY } from '@aftercare/kernel';
import { CARE_SCHEDULE } from './care-schedule';
import type { VehicleFacts } from './care-facts';

/**
 * R-CB-5 / R-CB-8: when will the odometer reach `km`? From the vehicle's average
 * km/day since delivery (the odometer reads 0 at delivery), once it has a reading
 * at least `minDaysForAverage` days after delivery; before that, the configured
 * default km/day. Returns the instant (ISO); a vehicle already past `km` gives the
 * date of the first reading that showed it.
 */
export function dateAtKm(vehicle: VehicleFacts, km: number, mileage = CARE_SCHEDULE.mileage): string | null {
  if (!vehicle.deliveredAt) return null;
  const passed = vehicle.readings.find((r) => r.km >= km);
  if (passed) return new Date(passed.at).toISOString();
  const rate = kmPerDay(vehicle, mileage);
  const last = vehicle.readings.at(-1);
  const fromAt = last ? last.at : vehicle.deliveredAt;
  const fromKm = last ? last.km : 0;
  return addDays(fromAt, Math.ceil((km - fromKm) / rate));
}

/** The average km/day the forecast uses. */
export function kmPerDay(vehicle: VehicleFacts, mileage = CARE_SCHEDULE.mileage): number {
  const last = vehicle.readings.at(-1);
  if (!vehicle.deliveredAt || !last) return mileage.defaultKmPerDay;
  const days = (Date.parse(last.at) - Date.parse(vehicle.deliveredAt)) / MS_PER_DAY;
  if (days < mileage.minDaysForAverage || last.km <= 0) return mileage.defaultKmPerDay;
  return last.km / days;
}

/** The earlier of two optional instants. */
export function earliest(...instants: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const i of instants) {
    if (!i) continue;
    const iso = new Date(i).toISOString();
    if (best === null || iso < best) best = iso;
  }
  return best;
}
