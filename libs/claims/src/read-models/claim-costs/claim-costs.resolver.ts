import { Args, Query, Resolver } from '@nestjs/graphql';
import { Caller, Principal } from '@aftercare/platform';
import { ClaimCostsQuery } from './claim-costs.query';

export const CLAIM_COSTS_TYPE_DEFS = /* GraphQL */ `
  type ClaimCostFigure {
    count: Int!
    amount: Float!
  }

  type ClaimCostsInCurrency {
    currency: String!
    "R-GC-3: paid as parts claims; not in the per-vehicle claim cost."
    goodwillCompensation: ClaimCostFigure!
    goodwillWarranty: ClaimCostFigure!
    warrantyVisits: ClaimCostFigure!
    "Goodwill warranty + warranty visits of the month."
    warrantyClaimCost: Float!
    "warrantyClaimCost / vehicles; null without vehicles."
    perVehicleClaimCost: Float
  }

  type ClaimCosts {
    region: String!
    "YYYY-MM"
    month: String!
    dealers: Int!
    "Vehicles delivered by the region's dealers up to the end of the month."
    vehicles: Int!
    costs: [ClaimCostsInCurrency!]!
  }

  extend type Query {
    "Claim costs of a region and month (OEM roles: their own region; admin and auditor: any)."
    claimCosts(region: String, month: String!): ClaimCosts!
  }
`;

@Resolver('ClaimCosts')
export class ClaimCostsResolver {
  constructor(private readonly costs: ClaimCostsQuery) {}

  @Query('claimCosts')
  get(@Caller() caller: Principal, @Args('region') region: string | undefined, @Args('month') month: string) {
    return this.costs.get(caller, { region: region ?? undefined, month });
  }
}
