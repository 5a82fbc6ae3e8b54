import { Args, Query, Resolver } from '@nestjs/graphql';
import { isRole, Role } from '@aftercare/kernel';
import { Caller, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Principal, RequestValidationError } from '@aftercare/platform';
import { ClaimWorklistQuery } from './claim-worklist.query';

export const CLAIM_WORKLIST_TYPE_DEFS = /* GraphQL */ `
  "A claim step waiting for a role."
  type ClaimWorkItem {
    claimId: ID!
    type: String!
    step: String!
    label: String!
    role: String!
    rule: String!
    dealerId: String!
    region: String!
    customerId: String!
    complaintId: String
    status: String!
    amount: Float
    currency: String
    claimRevision: Int!
    "When the step started waiting."
    since: String!
    ageHours: Float!
    ageDays: Int!
  }

  type ClaimWorklist {
    role: String!
    asOf: String!
    items: [ClaimWorkItem!]!
    nextCursor: String
  }

  extend type Query {
    "What waits for the caller's role (admin and auditor may name a role), oldest first, in the caller's scope."
    claimWorklist(role: String, asOf: String, first: Int, after: String): ClaimWorklist!
  }
`;

@Resolver('ClaimWorkItem')
export class ClaimWorklistResolver {
  constructor(private readonly worklist: ClaimWorklistQuery) {}

  @Query('claimWorklist')
  list(@Caller() caller: Principal, @Args('role') role?: string, @Args('asOf') asOf?: string, @Args('first') first?: number, @Args('after') after?: string) {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (size < 1 || size > MAX_PAGE_SIZE) throw new RequestValidationError([{ field: 'first', message: `first must be between 1 and ${MAX_PAGE_SIZE}` }]);
    if (role && !isRole(role)) throw new RequestValidationError([{ field: 'role', message: 'role must be a role of API.md' }]);
    if (asOf && Number.isNaN(Date.parse(asOf))) throw new RequestValidationError([{ field: 'asOf', message: 'asOf must be an ISO 8601 instant' }]);
    return this.worklist.list(caller, { role: (role ?? undefined) as Role | undefined, asOf: asOf ? new Date(asOf).toISOString() : undefined, limit: size, cursor: after ?? null });
  }
}
