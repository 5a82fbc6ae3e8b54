import type { EventStore } from '@aftercare/event-store';
import type { ReadModels } from '@aftercare/projections';
import {
  CUSTOMER_PROFILES,
  customerStream,
  evolveCustomer,
  initialCustomerState,
  vehicleStream,
  type CustomerEvent,
  type CustomerProfileDoc,
  type VisitRecorded,
} from '@aftercare/customers';
import type { PaidVisit } from '../domain/member.events';

/**
 * What enrolment needs of the customer file, from the customers context's
 * published streams: the customer's dealer (`customer-<id>`, folded with its own
 * evolve) and the customer-paid visits of its vehicles (`vehicle-<vin>`). Which
 * vehicles the customer has comes from the profile read model (vehicles are
 * registered long before an enrolment), the visits themselves from the streams.
 */
export async function customerDealerOf(events: EventStore, customerId: string): Promise<string | null> {
  const recorded = await events.readStream(customerStream(customerId));
  const state = recorded.reduce((s, e) => evolveCustomer(s, e as unknown as CustomerEvent), initialCustomerState());
  return state.exists && state.dealerId ? state.dealerId : null;
}

export async function paidVisitsOf(events: EventStore, readModels: ReadModels, customerId: string): Promise<PaidVisit[]> {
  const profile = await readModels.collection<CustomerProfileDoc>(CUSTOMER_PROFILES).findOne({ _id: customerId });
  const visits: PaidVisit[] = [];
  for (const vin of new Set((profile?.vehicles ?? []).map((v) => v.vin))) {
    for (const event of await events.readStream(vehicleStream(vin))) {
      if (event.type !== 'VisitRecorded') continue;
      const d = event.data as unknown as VisitRecorded['data'];
      if (d.customerId === customerId && d.customerPaid && d.amount > 0) visits.push({ visitId: d.visitId, amount: d.amount, visitedAt: d.occurredAt });
    }
  }
  return visits;
}
