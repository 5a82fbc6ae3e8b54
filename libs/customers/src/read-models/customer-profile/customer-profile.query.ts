import { Injectable } from '@nestjs/common';
import { DomainError } from '@aftercare/kernel';
import { ReadModels } from '@aftercare/projections';
import { Principal, ScopeService } from '@aftercare/platform';
import { maskForRole } from '@aftercare/personal-data';
import type { Filter } from '@aftercare/read-store';
import { CUSTOMER_PROFILES, CustomerProfileDoc } from './customer-profile.document';
import { normalizeSearch } from './customer-search';
import { CustomerView, toCustomerView } from './customer-profile.view';

export interface CustomerListQuery {
  q?: string;
  segment?: string;
  limit: number;
  cursor?: string | null;
}

/** Reads of the customer file, with the scope rules of API.md "Conventions". */
@Injectable()
export class CustomerProfileQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
  ) {}

  async get(caller: Principal, customerId: string, asOf?: string): Promise<CustomerView> {
    const profiles = await this.readModels.collection<CustomerProfileDoc>(CUSTOMER_PROFILES);
    const doc = await profiles.findOne({ _id: customerId });
    if (!doc) throw DomainError.notFound('CUSTOMER.NOT_FOUND', `customer ${customerId} does not exist`);
    await this.scope.assertCanRead(caller, doc.dealerId);
    return maskForRole(toCustomerView(doc, asOf), caller.role);
  }

  /** A vehicle with its owner and service history, from the owner's profile. */
  async vehicle(caller: Principal, vin: string) {
    const profiles = await this.readModels.collection<CustomerProfileDoc>(CUSTOMER_PROFILES);
    const doc = await profiles.findOne({ 'vehicles.vin': vin });
    const vehicle = doc?.vehicles.find((v) => v.vin === vin);
    if (!doc || !vehicle) throw DomainError.notFound('VEHICLE.NOT_FOUND', `vehicle ${vin} is not registered`);
    await this.scope.assertCanRead(caller, doc.dealerId);
    const visits = doc.visitLog.filter((v) => v.vin === vin);
    return { ...vehicle, customerId: doc.id, dealerId: doc.dealerId, visits, revision: visits.length };
  }

  async visit(caller: Principal, vin: string, visitId: string) {
    const vehicle = await this.vehicle(caller, vin);
    const visit = vehicle.visits.find((v) => v.visitId === visitId);
    if (!visit) throw DomainError.notFound('VISIT.NOT_FOUND', `visit ${visitId} of ${vin} does not exist`);
    return { ...visit, id: visit.visitId, customerId: vehicle.customerId, dealerId: vehicle.dealerId };
  }

  async appointment(caller: Principal, appointmentId: string) {
    const profiles = await this.readModels.collection<CustomerProfileDoc>(CUSTOMER_PROFILES);
    const doc = await profiles.findOne({ 'appointmentLog.appointmentId': appointmentId });
    const entry = doc?.appointmentLog.find((a) => a.appointmentId === appointmentId);
    if (!doc || !entry) throw DomainError.notFound('APPOINTMENT.NOT_FOUND', `appointment ${appointmentId} does not exist`);
    await this.scope.assertCanRead(caller, doc.dealerId);
    return { id: appointmentId, customerId: doc.id, dealerId: doc.dealerId, ...entry };
  }

  async list(caller: Principal, query: CustomerListQuery): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
    const scope = await this.scope.readableDealers(caller);
    const filter: Filter = {};
    if (!scope.all) filter.dealerId = { $in: scope.dealerIds };
    if (query.q) filter.search = normalizeSearch(query.q);
    // Any membership (R-SG-1): a churned VIP is listed under both.
    if (query.segment) filter['segment.segments'] = query.segment;
    const profiles = await this.readModels.collection<CustomerProfileDoc>(CUSTOMER_PROFILES);
    const page = await profiles.findPage(filter, { sort: { _id: 1 }, limit: query.limit, cursor: query.cursor ?? null });
    return { items: page.items.map((d) => maskForRole(toCustomerView(d), caller.role)), nextCursor: page.nextCursor };
  }
}
