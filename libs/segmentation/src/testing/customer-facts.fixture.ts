import { addMonths } from '@aftercare/kernel';
import type { VisitType } from '@aftercare/customers';
import { CustomerFacts, newCustomerFacts } from '../domain/customer-facts';

/** Builds a customer's facts for the domain specs: `facts().vehicle(…).visitsEvery(5, …).build()`. */
export class FactsBuilder {
  private readonly facts: CustomerFacts;
  private n = 0;

  constructor(registeredAt = '2024-01-01T00:00:00.000Z', customerId = 'C1', dealerId = 'D1') {
    this.facts = newCustomerFacts(customerId, dealerId, registeredAt);
  }

  vehicle(deliveredAt: string, price: number | null = 200_000, vin = 'VIN1'): this {
    this.facts.vehicles.push({ vin, deliveredAt, purchaseDate: deliveredAt, price });
    return this;
  }

  visit(at: string, o: { type?: VisitType; amount?: number; km?: number; paid?: boolean; advisorId?: string; vin?: string } = {}): this {
    const type = o.type ?? 'periodic_maintenance';
    this.facts.visits.push({
      visitId: `V${++this.n}`, at, vin: o.vin ?? 'VIN1', type, amount: o.amount ?? 800,
      customerPaid: o.paid ?? !['first_service', 'warranty', 'accident_repair'].includes(type), odometerKm: o.km ?? 5_000 * this.n, advisorId: o.advisorId ?? 'A1',
    });
    this.facts.visits.sort((a, b) => a.at.localeCompare(b.at));
    return this;
  }

  /** `count` services `months` apart from `first`. */
  visitsEvery(months: number, first: string, count: number): this {
    for (let i = 0; i < count; i++) this.visit(addMonths(first, i * months));
    return this;
  }

  missed(at: string, excuse: string | null = null): this {
    const id = `AP${++this.n}`;
    this.facts.appointments.push({ appointmentId: id, bookedAt: addMonths(at, -0.5), scheduledFor: at, status: 'missed', settledAt: at, excuse });
    return this;
  }

  booked(at: string): this {
    this.facts.appointments.push({ appointmentId: `AP${++this.n}`, bookedAt: at, scheduledFor: addMonths(at, 0.5), status: 'kept', settledAt: addMonths(at, 0.5), excuse: null });
    return this;
  }

  referral(at: string): this {
    this.facts.referrals.push({ referredCustomerId: `R${++this.n}`, at });
    return this;
  }

  callback(at: string, satisfaction: number): this {
    this.facts.callbackScores.push({ callbackId: `CB${++this.n}`, at, satisfaction });
    return this;
  }

  flag(kind: string, at: string): this {
    this.facts.sensitiveFlags.push({ kind, at });
    return this;
  }

  build(): CustomerFacts {
    return structuredClone(this.facts);
  }
}

export const facts = (registeredAt?: string) => new FactsBuilder(registeredAt);
