import { Args, Query, Resolver } from '@nestjs/graphql';
import { Caller, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Principal, RequestValidationError } from '@aftercare/platform';
import { MemberDetailsQuery } from './member-details.query';

export const MEMBER_DETAILS_TYPE_DEFS = /* GraphQL */ `
  "One event of a membership, newest last."
  type MemberHistoryEntry {
    type: String!
    "business time"
    at: String!
    recordedAt: String!
    actorId: String!
    role: String!
    revision: Int!
    "signed change of the balance"
    points: Int
    "balance after the event"
    balance: Int!
  }

  type MemberPointsLot {
    lotId: String!
    earnedAt: String!
    expiresAt: String!
    remaining: Int!
  }

  type MemberBenefitUse {
    year: Int!
    benefit: String!
    used: Int!
    allowance: Int!
  }

  type MemberActivity {
    activityId: String!
    occurredAt: String!
  }

  "An owners' club membership (API.md member read shape)."
  type Member {
    id: ID!
    customerId: String!
    dealerId: String!
    cardNo: String!
    "active or cancelled"
    status: String!
    "standard, silver, gold or platinum"
    tier: String!
    "R-MB-1: why this tier"
    tierReason: String!
    loyaltySegment: String!
    spend12Months: Float!
    "the balance (R-MB-2: never below zero)"
    points: Int!
    pointsEarned: Int!
    pointsRedeemed: Int!
    pointsExpired: Int!
    lots: [MemberPointsLot!]!
    nextExpiryAt: String
    benefitsUsed: [MemberBenefitUse!]!
    activities: [MemberActivity!]!
    interests: [String!]!
    enrolledAt: String!
    cancelledAt: String
    cancelReason: String
    history: [MemberHistoryEntry!]!
    revision: Int!
  }

  type MemberPage {
    items: [Member!]!
    "Pass as after for the next page; null on the last."
    nextCursor: String
  }

  extend type Query {
    "A membership: tier, points, history."
    member(id: ID!): Member
    "Memberships the caller may see (dealer roles: their dealer; OEM roles: their region); customerId finds a customer's. first 1-500 (default 50)."
    members(customerId: String, first: Int, after: String): MemberPage!
  }
`;

/** The same reads as GET /members/{id} and GET /members, with the same scope rules. */
@Resolver('Member')
export class MemberDetailsResolver {
  constructor(private readonly members: MemberDetailsQuery) {}

  @Query('member')
  get(@Caller() caller: Principal, @Args('id') id: string) {
    return this.members.get(caller, id);
  }

  @Query('members')
  list(@Caller() caller: Principal, @Args('customerId') customerId?: string, @Args('first') first?: number, @Args('after') after?: string) {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (size < 1 || size > MAX_PAGE_SIZE) throw new RequestValidationError([{ field: 'first', message: `first must be between 1 and ${MAX_PAGE_SIZE}` }]);
    return this.members.list(caller, { customerId: customerId ?? undefined, limit: size, cursor: after ?? null });
  }
}
