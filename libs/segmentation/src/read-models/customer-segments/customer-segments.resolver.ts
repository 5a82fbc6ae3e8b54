import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CLOCK, Clock } from '@aftercare/kernel';
import { Caller, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Principal, RequestValidationError } from '@aftercare/platform';
import { CustomerSegmentsQuery } from './customer-segments.query';

export const SEGMENTATION_TYPE_DEFS = /* GraphQL */ `
  type SegmentMember {
    customerId: ID!
    dealerId: String!
    name: String
    reasons: [String!]!
    "When the customer entered the segment."
    since: String!
  }

  type SegmentPage {
    segment: String!
    asOf: String!
    items: [SegmentMember!]!
    "Pass as after for the next page; null on the last."
    nextCursor: String
  }

  extend type Query {
    "Members of a segment (loyal, churned, vip) as of an instant, default now (R-SG-2). first 1-500 (default 50)."
    segment(name: String!, asOf: String, first: Int, after: String): SegmentPage!
  }
`;

@Resolver('SegmentPage')
export class CustomerSegmentsResolver {
  constructor(
    private readonly segments: CustomerSegmentsQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query('segment')
  segment(
    @Caller() caller: Principal,
    @Args('name') name: string,
    @Args('asOf') asOf?: string,
    @Args('first') first?: number,
    @Args('after') after?: string,
  ) {
    const errors = [];
    if (asOf && Number.isNaN(Date.parse(asOf))) errors.push({ field: 'asOf', message: 'asOf must be an ISO 8601 date' });
    if (first !== undefined && first !== null && (first < 1 || first > MAX_PAGE_SIZE)) errors.push({ field: 'first', message: `first must be between 1 and ${MAX_PAGE_SIZE}` });
    if (errors.length) throw new RequestValidationError(errors);
    return this.segments.members(caller, name, {
      asOf: asOf ? new Date(asOf).toISOString() : this.clock.now().toISOString(),
      limit: first ?? DEFAULT_PAGE_SIZE,
      cursor: after ?? null,
    });
  }
}
