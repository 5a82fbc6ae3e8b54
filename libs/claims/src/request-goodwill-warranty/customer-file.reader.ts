import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import {
  customerStream,
  evolveCustomer,
  initialCustomerState,
  vehicleStream,
  type CustomerEvent,
  type VehicleRegistered,
  type VisitRecorded,
} from '@aftercare/customers';
import type { CustomerFacts, VehicleFacts } from './request-goodwill-warranty.command';

/**
 * R-GW-1's facts from the customers context's published streams (authoritative,
 * whatever a projection's lag): the sensitive flags of `customer-<id>` (R-CF-2, folded
 * with the context's own evolve) and, from `vehicle-<vin>`, the owner, the warranty
 * (VehicleRegistered: warrantyEndsAt, warrantyKm) and the highest odometer of its
 * visits (VisitRecorded; odometers never go backwards).
 */
@Injectable()
export class CustomerFileReader {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async customer(customerId: string): Promise<CustomerFacts | null> {
    const recorded = await this.events.readStream(customerStream(customerId));
    const state = recorded.reduce((s, e) => evolveCustomer(s, e as unknown as CustomerEvent), initialCustomerState());
    if (!state.exists || !state.dealerId) return null;
    return { customerId, dealerId: state.dealerId, sensitiveKinds: [...state.sensitiveKinds] };
  }

  async vehicle(vin: string): Promise<VehicleFacts | null> {
    let facts: VehicleFacts | null = null;
    for (const event of await this.events.readStream(vehicleStream(vin))) {
      if (event.type === 'VehicleRegistered') {
        const d = event.data as unknown as VehicleRegistered['data'];
        facts = { vin: d.vin, customerId: d.customerId, dealerId: d.dealerId, warrantyEndsAt: d.warrantyEndsAt, warrantyKm: d.warrantyKm, lastOdometerKm: null };
      } else if (event.type === 'VisitRecorded' && facts) {
        const km = (event.data as unknown as VisitRecorded['data']).odometerKm;
        facts.lastOdometerKm = Math.max(facts.lastOdometerKm ?? 0, km);
      }
    }
    return facts;
  }
}
