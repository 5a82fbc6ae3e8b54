import { Args, Query, Resolver } from '@nestjs/graphql';
import { Caller, MAX_PAGE_SIZE, Principal, RequestValidationError } from '@aftercare/platform';
import { DealersQuery } from './dealers.query';

export const DEALERS_TYPE_DEFS = /* GraphQL */ `
  type Dealer {
    id: ID!
    dealerId: String!
    name: String!
    region: String!
    registeredAt: String!
    revision: Int!
  }

  type DealerPage {
    items: [Dealer!]!
    "Pass as cursor for the next page; null on the last."
    nextCursor: String
  }

  extend type Query {
    "Dealers the caller may see (API.md Dealers); limit 1-500, default 50."
    dealers(region: String, limit: Int, cursor: String): DealerPage!
    dealer(id: ID!): Dealer
  }
`;

/** The same reads as GET /dealers, with the same guard and scope rules. */
@Resolver('Dealer')
export class DealersResolver {
  constructor(private readonly dealers: DealersQuery) {}

  @Query('dealers')
  list(
    @Caller() caller: Principal,
    @Args('region') region?: string,
    @Args('limit') limit?: number,
    @Args('cursor') cursor?: string,
  ) {
    if (limit !== undefined && limit !== null && (limit < 1 || limit > MAX_PAGE_SIZE)) {
      throw new RequestValidationError([{ field: 'limit', message: `limit must be between 1 and ${MAX_PAGE_SIZE}` }]);
    }
    return this.dealers.list(caller, { region: region ?? undefined, limit: limit ?? undefined, cursor: cursor ?? undefined });
  }

  @Query('dealer')
  get(@Caller() caller: Principal, @Args('id') id: string) {
    return this.dealers.get(caller, id);
  }
}
