import { Args, Query, Resolver } from '@nestjs/graphql';
import { CALLBACK_TYPES, CallbackType } from '@aftercare/kernel';
import { Caller, MAX_PAGE_SIZE, Principal, RequestValidationError } from '@aftercare/platform';
import { CallbackQueueQuery } from './callback-queue.query';
import { CallbackReportQuery } from '../callback-report/callback-report.query';
import { CsiReportQuery } from '../csi-report/csi-report.query';

const CSI_FACTOR_FIELDS = `
    customer_friendliness: Float
    service_initiative: Float
    service_supervision: Float
    repair_process_experience: Float
    product_problems: Float
    service_quality: Float
    vehicle_pickup: Float`;

export const CALLBACKS_TYPE_DEFS = /* GraphQL */ `
  type CallbackAttempt {
    attemptNo: Int!
    agentId: String!
    at: String!
    reached: Boolean!
    satisfaction: Int
    feedback: String
    notes: String
  }

  type CallbackOutcome {
    agentId: String!
    at: String!
    satisfaction: Int
    feedback: String
  }

  type Callback {
    id: ID!
    dealerId: String!
    customerId: String!
    vin: String
    type: String!
    "The care-schedule rule that planned it (R-CB-…), or manual."
    rule: String!
    dueAt: String!
    latestAt: String
    "urgent (complaint follow-ups), high (sensitive customers), normal (R-CB-11)."
    priority: String!
    status: String!
    assigneeId: String
    routedTo: String
    claimedBy: String
    advisorId: String
    attempts: [CallbackAttempt!]!
    outcome: CallbackOutcome
    closedAt: String
    cancelReason: String
    postponedFrom: String
    letterDueAt: String
    praiseCreditedTo: String
    causationEventId: String
    revision: Int!
  }

  type CallbackPage {
    items: [Callback!]!
    nextCursor: String
    asOf: String!
  }

  type CallbackRates {
    dealerId: String
    agentId: String
    due: Int!
    done: Int!
    reached: Int!
    rated: Int!
    satisfied: Int!
    complaints: Int!
    callbackRate: Float
    satisfactionRate: Float
    complaintRate: Float
  }

  type CallbackReport {
    from: String!
    to: String!
    dealerId: String
    due: Int!
    done: Int!
    reached: Int!
    rated: Int!
    satisfied: Int!
    complaints: Int!
    callbackRate: Float
    satisfactionRate: Float
    complaintRate: Float
    byDealer: [CallbackRates!]!
    byAgent: [CallbackRates!]!
  }

  type CsiFactors {${CSI_FACTOR_FIELDS}
  }

  type CsiRow {
    dealerId: String
    advisorId: String
    month: String
    responses: Int!
    csi: Float
    factors: CsiFactors!
    satisfaction: Float
    praise: Int!
    criticism: Int!
    suggestion: Int!
    complaint: Int!
    serviceScore: Int!
  }

  type CsiReport {
    from: String!
    to: String!
    dealerId: String
    advisorId: String
    responses: Int!
    csi: Float
    factors: CsiFactors!
    praise: Int!
    criticism: Int!
    serviceScore: Int!
    rows: [CsiRow!]!
    advisors: [CsiRow!]!
  }

  extend type Query {
    "One callback; same scope rules as GET /callbacks/{id}."
    callback(id: ID!): Callback
    "R-CB-11: open callbacks due by asOf (default now), by due date then priority. first 1-500 (default 50)."
    callbackQueue(agentId: String, type: String, asOf: String, dealerId: String, first: Int, after: String): CallbackPage!
    "R-CB-13 rates of the callbacks due from..to (UTC days)."
    callbackReport(dealerId: String, from: String!, to: String!): CallbackReport!
    "Weighted CSI per dealer, advisor and month."
    csiReport(dealerId: String, advisorId: String, from: String!, to: String!): CsiReport!
  }
`;

/** The same reads as the REST endpoints, with the same scope rules. */
@Resolver('Callback')
export class CallbacksResolver {
  constructor(
    private readonly callbacks: CallbackQueueQuery,
    private readonly reports: CallbackReportQuery,
    private readonly csi: CsiReportQuery,
  ) {}

  @Query('callback')
  get(@Caller() caller: Principal, @Args('id') id: string) {
    return this.callbacks.get(caller, id);
  }

  @Query('callbackQueue')
  queue(
    @Caller() caller: Principal,
    @Args('agentId') agentId?: string,
    @Args('type') type?: string,
    @Args('asOf') asOf?: string,
    @Args('dealerId') dealerId?: string,
    @Args('first') first?: number,
    @Args('after') after?: string,
  ) {
    const errors: { field: string; message: string }[] = [];
    if (type && !(CALLBACK_TYPES as readonly string[]).includes(type)) errors.push({ field: 'type', message: `type must be one of ${CALLBACK_TYPES.join(', ')}` });
    if (asOf && Number.isNaN(Date.parse(asOf))) errors.push({ field: 'asOf', message: 'asOf must be an ISO 8601 date' });
    if (first !== undefined && first !== null && (first < 1 || first > MAX_PAGE_SIZE)) errors.push({ field: 'first', message: `first must be between 1 and ${MAX_PAGE_SIZE}` });
    if (errors.length) throw new RequestValidationError(errors);
    return this.callbacks.queue(caller, {
      agentId: agentId ?? undefined,
      type: (type ?? undefined) as CallbackType | undefined,
      asOf: asOf ? new Date(asOf).toISOString() : undefined,
      dealerId: dealerId ?? undefined,
      limit: first ?? undefined,
      cursor: after ?? null,
    });
  }

  @Query('callbackReport')
  callbackReport(@Caller() caller: Principal, @Args('from') from: string, @Args('to') to: string, @Args('dealerId') dealerId?: string) {
    return this.reports.report(caller, { dealerId: dealerId ?? undefined, from, to });
  }

  @Query('csiReport')
  csiReport(
    @Caller() caller: Principal,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('dealerId') dealerId?: string,
    @Args('advisorId') advisorId?: string,
  ) {
    return this.csi.report(caller, { dealerId: dealerId ?? undefined, advisorId: advisorId ?? undefined, from, to });
  }
}
