import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Principal, RequestValidationError } from '@aftercare/platform';
import { COMPLAINT_STATUSES, ComplaintStatus } from '../../domain/complaint.state';
import { ComplaintDetailsQuery } from './complaint-details.query';
import type { ComplaintView } from './complaint-details.view';

export const COMPLAINT_DETAILS_TYPE_DEFS = /* GraphQL */ `
  type ComplaintDeadline {
    "reply_by (R-CP-1), interim_reply (R-CP-2), escalation (R-CP-3), follow_up (R-CP-6), assignment (R-CP-3)"
    kind: String!
    rule: String!
    dueAt: String!
    metAt: String
    "Passed and unmet at the query's asOf (reply_by, interim_reply, escalation only)."
    overdue: Boolean!
  }

  type ComplaintTimelineEntry {
    type: String!
    actorId: String!
    role: String!
    occurredAt: String!
    recordedAt: String!
    revision: Int!
    "The step's data, as JSON."
    details: String!
  }

  type ComplaintSolution {
    solutionNo: Int!
    description: String!
    compensationAmount: Float
    "pending, accepted or rejected"
    status: String!
    proposedAt: String!
    answeredAt: String
    reason: String
  }

  type ComplaintStatusChange {
    status: String!
    "Business time the complaint entered this status."
    at: String!
  }

  type Complaint {
    id: ID!
    dealerId: String!
    customerId: String!
    vin: String
    status: String!
    severity: String!
    channel: String!
    subject: String!
    description: String!
    expectedResolution: String!
    callbackId: String
    takenBy: String!
    takenByRole: String!
    generalManagerNotifiedAt: String
    replyBy: String
    rootCause: String
    responsibleParty: String
    findings: String
    escalatedAt: String
    assigneeId: String
    overdue: Boolean!
    deadlines: [ComplaintDeadline!]!
    timeline: [ComplaintTimelineEntry!]!
    solutions: [ComplaintSolution!]!
    revision: Int!
    receivedAt: String!
    acknowledgedAt: String
    resolvedAt: String
    closedAt: String
    "The latest reopening (R-CP-6); a reopened complaint is investigating again."
    reopenedAt: String
    reopenCount: Int!
    statusHistory: [ComplaintStatusChange!]!
    asOf: String!
  }

  type ComplaintPage {
    items: [Complaint!]!
    "Pass as cursor (or after) for the next page; null on the last."
    nextCursor: String
  }

  extend type Query {
    "A complaint with its timeline and deadlines; asOf: as it stood at that instant."
    complaint(id: ID!, asOf: String): Complaint
    "Complaints the caller may see. asOf: only those received by then, each as it stood then (default now); status: the status at asOf; overdue true: a deadline of R-CP-1/2/3 passed and unmet at asOf, false: none. limit/first 1-500 (default 50), cursor/after; a page may be short while nextCursor is not null."
    complaints(status: String, overdue: Boolean, asOf: String, customerId: String, limit: Int, cursor: String, first: Int, after: String): ComplaintPage!
  }
`;

/** The same reads as GET /complaints and /complaints/{id}, with the same guard and scope rules. */
@Resolver('Complaint')
export class ComplaintDetailsResolver {
  constructor(private readonly complaints: ComplaintDetailsQuery) {}

  @Query('complaint')
  get(@Caller() caller: Principal, @Args('id') id: string, @Args('asOf') asOf?: string) {
    return this.complaints.get(caller, id, instant('asOf', asOf));
  }

  @Query('complaints')
  list(
    @Caller() caller: Principal,
    @Args('status') status?: string,
    @Args('overdue') overdue?: boolean,
    @Args('asOf') asOf?: string,
    @Args('customerId') customerId?: string,
    @Args('limit') limit?: number,
    @Args('cursor') cursor?: string,
    @Args('first') first?: number,
    @Args('after') after?: string,
  ) {
    const size = limit ?? first ?? DEFAULT_PAGE_SIZE;
    if (size < 1 || size > MAX_PAGE_SIZE) throw new RequestValidationError([{ field: 'limit', message: `limit must be between 1 and ${MAX_PAGE_SIZE}` }]);
    if (status && !(COMPLAINT_STATUSES as readonly string[]).includes(status)) {
      throw new RequestValidationError([{ field: 'status', message: `status must be one of ${COMPLAINT_STATUSES.join(', ')}` }]);
    }
    return this.complaints.list(caller, {
      status: (status ?? undefined) as ComplaintStatus | undefined,
      overdue: overdue ?? undefined,
      asOf: instant('asOf', asOf),
      customerId: customerId ?? undefined,
      limit: size,
      cursor: cursor ?? after ?? null,
    });
  }
}

/** Timeline entries resolve `details` as JSON text: GraphQL has no map type. */
@Resolver('ComplaintTimelineEntry')
export class ComplaintTimelineEntryResolver {
  @ResolveField('details')
  details(@Parent() entry: ComplaintView['timeline'][number]) {
    return JSON.stringify(entry.details);
  }
}

function instant(field: string, value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RequestValidationError([{ field, message: `${field} must be an ISO 8601 instant` }]);
  return new Date(ms).toISOString();
}
