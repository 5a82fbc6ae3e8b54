import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, Principal, RequestValidationError } from '@aftercare/platform';
import { ComplaintBoard, ComplaintBoardQuery } from './complaint-board.query';

export const COMPLAINT_BOARD_TYPE_DEFS = /* GraphQL */ `
  type ComplaintCount {
    key: String!
    count: Int!
  }

  type ComplaintBoard {
    dealerId: String!
    "First and last UTC day of intake counted."
    from: String!
    to: String!
    asOf: String!
    received: Int!
    byStatus: [ComplaintCount!]!
    bySubject: [ComplaintCount!]!
    bySeverity: [ComplaintCount!]!
    byRootCause: [ComplaintCount!]!
    "Complaints of the period with a deadline of R-CP-1/2/3 passed and unmet at asOf."
    overdue: Int!
    resolved: Int!
    averageHoursToResolve: Float
  }

  extend type Query {
    "A dealer's complaints taken in a period (from/to: YYYY-MM-DD, default the last 30 days)."
    complaintBoard(dealerId: String!, from: String, to: String, asOf: String): ComplaintBoard!
  }
`;

const counts = (map: Record<string, number>) => Object.entries(map).map(([key, count]) => ({ key, count }));

@Resolver('ComplaintBoard')
export class ComplaintBoardResolver {
  constructor(private readonly boards: ComplaintBoardQuery) {}

  @Query('complaintBoard')
  board(@Caller() caller: Principal, @Args('dealerId') dealerId: string, @Args('from') from?: string, @Args('to') to?: string, @Args('asOf') asOf?: string) {
    for (const [field, value] of Object.entries({ from, to, asOf })) {
      if (value && Number.isNaN(Date.parse(value))) throw new RequestValidationError([{ field, message: `${field} must be an ISO 8601 date` }]);
    }
    return this.boards.board(caller, dealerId, { from: from ?? undefined, to: to ?? undefined, asOf: asOf ? new Date(asOf).toISOString() : undefined });
  }

  @ResolveField('byStatus')
  byStatus(@Parent() board: ComplaintBoard) {
    return counts(board.byStatus);
  }

  @ResolveField('bySubject')
  bySubject(@Parent() board: ComplaintBoard) {
    return counts(board.bySubject);
  }

  @ResolveField('bySeverity')
  bySeverity(@Parent() board: ComplaintBoard) {
    return counts(board.bySeverity);
  }

  @ResolveField('byRootCause')
  byRootCause(@Parent() board: ComplaintBoard) {
    return counts(board.byRootCause);
  }
}
