import { Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '../auth/principal';
import { Caller } from '../http/request-context.decorators';

/**
 * The schema every context extends (`extend type Query { … }`). A context adding
 * the first mutation adds `type Mutation` here, the others extend it.
 */
export const BASE_TYPE_DEFS = /* GraphQL */ `
  "The caller, as its bearer token says."
  type Principal {
    sub: String!
    role: String!
    dealerId: String
    region: String
  }

  type Query {
    "Who the token belongs to."
    me: Principal!
  }
`;

@Resolver('Query')
export class BaseResolver {
  @Query('me')
  me(@Caller() caller: Principal) {
    return { sub: caller.sub, role: caller.role, dealerId: caller.dealerId, region: caller.region };
  }
}
