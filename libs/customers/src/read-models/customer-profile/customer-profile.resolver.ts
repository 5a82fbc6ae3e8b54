import { Args, Query, Resolver } from '@nestjs/graphql';
import { Caller, MAX_PAGE_SIZE, Principal, RequestValidationError } from '@aftercare/platform';
import { CustomerProfileQuery } from './customer-profile.query';

export const CUSTOMERS_TYPE_DEFS = /* GraphQL */ `
  type Vehicle {
    vin: String!
    plate: String!
    model: String!
    colour: String
    modelYear: Int
    purchaseDate: String!
    purchaseMethod: String
    price: Float
    salesperson: String
    deliveredAt: String!
    warrantyMonths: Int!
    warrantyKm: Int!
    warrantyEndsAt: String!
    insurer: String
    insuranceExpiry: String
    firstServiceDueAt: String
    "False when the VIN's check digit does not match (kept, flagged)."
    vinCheckDigitValid: Boolean!
    lastOdometerKm: Int
  }

  type VisitSummary {
    count: Int!
    lastVisitAt: String
    "Customer-paid spend only: free, warranty and insurance-paid work excluded."
    spend: Float!
  }

  type Visit {
    visitId: ID!
    vin: String!
    occurredAt: String!
    recordedAt: String!
    type: String!
    amount: Float!
    customerPaid: Boolean!
    odometerKm: Int!
    advisorId: String!
    "R-CF-1: filed more than 2 days after the visit."
    lateFile: Boolean!
  }

  type AppointmentSummary {
    booked: Int!
    kept: Int!
    missed: Int!
    excuses: [String!]!
  }

  type SensitiveFlag {
    kind: String!
    reason: String!
    flaggedBy: String!
    flaggedByRole: String!
    at: String!
  }

  type ContactPreferences {
    doNotCall: [String!]!
    reason: String
  }

  type LateFile {
    visitId: ID!
    vin: String!
    occurredAt: String!
    recordedAt: String!
  }

  type CustomerSegment {
    "Primary segment: vip > churned > loyal > regular."
    name: String!
    reasons: [String!]!
    since: String
    "Every membership (a VIP can also be churned)."
    segments: [String!]!
  }

  type Customer {
    id: ID!
    dealerId: String!
    name: String!
    phone: String
    gender: String
    birthDate: String
    nationalId: String
    email: String
    address: String
    company: String
    bestContactTime: String
    registeredAt: String!
    "When the personal data was erased; the personal fields then read [erased]."
    personalDataErasedAt: String
    vehicles: [Vehicle!]!
    visits: VisitSummary!
    visitHistory: [Visit!]!
    appointments: AppointmentSummary!
    referrals: [String!]!
    referredBy: String
    sensitiveFlags: [SensitiveFlag!]!
    sensitive: Boolean!
    contactPreferences: ContactPreferences!
    lateFiles: [LateFile!]!
    segment: CustomerSegment
    tier: String
    revision: Int!
  }

  type CustomerPage {
    items: [Customer!]!
    "Pass as after (or cursor) for the next page; null on the last."
    nextCursor: String
  }

  extend type Query {
    "One customer file, as of an instant (default now); same scope rules as GET /customers/{id}."
    customer(id: ID!, asOf: String): Customer
    "Customers the caller may see; q searches name, phone, VIN, plate. first 1-500 (default 50)."
    customers(q: String, segment: String, first: Int, after: String): CustomerPage!
  }
`;

/** The same reads as GET /customers and /customers/{id}, with the same scope rules. */
@Resolver('Customer')
export class CustomerProfileResolver {
  constructor(private readonly customers: CustomerProfileQuery) {}

  @Query('customer')
  get(@Caller() caller: Principal, @Args('id') id: string, @Args('asOf') asOf?: string) {
    if (asOf && Number.isNaN(Date.parse(asOf))) throw new RequestValidationError([{ field: 'asOf', message: 'asOf must be an ISO 8601 date' }]);
    return this.customers.get(caller, id, asOf ? new Date(asOf).toISOString() : undefined);
  }

  @Query('customers')
  list(
    @Caller() caller: Principal,
    @Args('q') q?: string,
    @Args('segment') segment?: string,
    @Args('first') first?: number,
    @Args('after') after?: string,
  ) {
    if (first !== undefined && first !== null && (first < 1 || first > MAX_PAGE_SIZE)) {
      throw new RequestValidationError([{ field: 'first', message: `first must be between 1 and ${MAX_PAGE_SIZE}` }]);
    }
    return this.customers.list(caller, { q: q ?? undefined, segment: segment ?? undefined, limit: first ?? 50, cursor: after ?? null });
  }
}
