import { Args, Query, Resolver } from '@nestjs/graphql';
import { Caller, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Principal, RequestValidationError } from '@aftercare/platform';
import { CLAIM_STATUSES, CLAIM_TYPES, ClaimStatus, ClaimType } from '../../domain/claim.flows';
import { ClaimDetailsQuery } from './claim-details.query';

export const CLAIM_DETAILS_TYPE_DEFS = /* GraphQL */ `
  "One step of a claim round: who, in which role, when, the decision, and the version of the claim they saw."
  type ClaimStep {
    step: String!
    "submitted, approve, reject or done"
    decision: String!
    actorId: String!
    role: String!
    at: String!
    comment: String
    "The application round the step was taken on."
    claimRevision: Int!
    "SHA-256 of the canonical claim content the step saw (sha256:<hex>)."
    contentHash: String!
    "The stream revision the step was decided on."
    seenRevision: Int!
    rule: String
    "true when recorded with another step, by its actor, in the same append (an archive at settlement; the result notification with the archive)"
    implicit: Boolean
  }

  type ClaimBreakdownLine {
    kind: String!
    description: String!
    amount: Float!
  }

  type ClaimRound {
    claimRevision: Int!
    amount: Float
    currency: String
    breakdown: [ClaimBreakdownLine!]
    contentHash: String!
    "rejected or superseded"
    outcome: String!
    rejectedStep: String
    closedAt: String!
    closedBy: String!
    steps: [ClaimStep!]!
  }

  type ClaimAwaiting {
    step: String!
    roles: [String!]!
    since: String!
    "true for a step the chain does not wait for (it may be taken, or passed over)"
    optional: Boolean
  }

  type ClaimSignature {
    actorId: String!
    role: String!
    at: String!
    comment: String
  }

  type ClaimWaiver {
    documentRef: String!
    signedAt: String!
    signedBy: ClaimSignature!
    confirmed: ClaimSignature
  }

  type ClaimAdvancePayment {
    amount: Float!
    currency: String!
    paidAt: String!
    actorId: String!
    role: String!
    at: String!
    waiverConfirmedAt: String!
  }

  type ClaimDocument {
    kind: String!
    ref: String!
  }

  type ClaimMaterialsRequest {
    kinds: [String!]!
    note: String
    actorId: String!
    role: String!
    at: String!
  }

  type ClaimMaterials {
    requested: ClaimMaterialsRequest
    documents: [ClaimDocument!]!
    submitted: ClaimSignature
  }

  type ClaimSettlement {
    amount: Float!
    currency: String!
    approvedAmount: Float!
    advancedByDealer: Float!
    "parts_claim (goodwill compensation, R-GC-3) or warranty_claim"
    paidAs: String!
    countsInPerVehicleClaimCost: Boolean!
    actorId: String!
    role: String!
    at: String!
    rule: String!
  }

  type ClaimRefusal {
    code: String!
    reason: String!
    rule: String!
    at: String!
  }

  type ClaimVehicleVerification {
    findings: String!
    actorId: String!
    at: String!
  }

  type ClaimTechnicalAssessment {
    qualityIssue: Boolean!
    naturalDisaster: Boolean!
    findings: String!
    actorId: String!
    at: String!
  }

  "R-GW-1: a natural-disaster case handed back to the dealer's complaint handling."
  type ClaimHandBack {
    to: String!
    reason: String!
    at: String!
  }

  type ClaimEligibility {
    sensitiveKinds: [String!]!
    warrantyEndsAt: String!
    warrantyKm: Int!
    lastOdometerKm: Int
    outOfWarrantyBy: [String!]!
    checkedAt: String!
  }

  type Claim {
    id: ID!
    "goodwill_compensation or goodwill_warranty"
    type: String!
    status: String!
    amount: Float
    currency: String
    dealerId: String!
    region: String!
    complaintId: String
    customerId: String!
    vin: String
    breakdown: [ClaimBreakdownLine!]
    failureDescription: String
    eligibility: ClaimEligibility
    claimRevision: Int!
    contentHash: String!
    awaiting: [ClaimAwaiting!]!
    steps: [ClaimStep!]!
    rounds: [ClaimRound!]!
    waiver: ClaimWaiver
    advancePayments: [ClaimAdvancePayment!]!
    materials: ClaimMaterials!
    settlement: ClaimSettlement
    refusal: ClaimRefusal
    vehicleVerification: ClaimVehicleVerification
    technicalAssessment: ClaimTechnicalAssessment
    handedBack: ClaimHandBack
    createdAt: String!
    updatedAt: String!
    revision: Int!
  }

  type ClaimPage {
    items: [Claim!]!
    "Pass as after for the next page; null on the last."
    nextCursor: String
  }

  extend type Query {
    "A claim with every step of its rounds; asOf: as it had been recorded at that instant."
    claim(id: ID!, asOf: String): Claim
    "Claims the caller may see (dealer roles: their dealer; OEM roles: their region). first 1-500 (default 50)."
    claims(type: String, status: String, first: Int, after: String): ClaimPage!
  }
`;

/** The same reads as GET /claims/{id} and GET /claims, with the same scope rules. */
@Resolver('Claim')
export class ClaimDetailsResolver {
  constructor(private readonly claims: ClaimDetailsQuery) {}

  @Query('claim')
  get(@Caller() caller: Principal, @Args('id') id: string, @Args('asOf') asOf?: string) {
    if (asOf && Number.isNaN(Date.parse(asOf))) throw new RequestValidationError([{ field: 'asOf', message: 'asOf must be an ISO 8601 instant' }]);
    return this.claims.get(caller, id, asOf ? new Date(asOf).toISOString() : undefined);
  }

  @Query('claims')
  list(@Caller() caller: Principal, @Args('type') type?: string, @Args('status') status?: string, @Args('first') first?: number, @Args('after') after?: string) {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (size < 1 || size > MAX_PAGE_SIZE) throw new RequestValidationError([{ field: 'first', message: `first must be between 1 and ${MAX_PAGE_SIZE}` }]);
    if (type && !(CLAIM_TYPES as readonly string[]).includes(type)) throw new RequestValidationError([{ field: 'type', message: `type must be one of ${CLAIM_TYPES.join(', ')}` }]);
    if (status && !(CLAIM_STATUSES as readonly string[]).includes(status)) throw new RequestValidationError([{ field: 'status', message: `status must be one of ${CLAIM_STATUSES.join(', ')}` }]);
    return this.claims.list(caller, { type: (type ?? undefined) as ClaimType | undefined, status: (status ?? undefined) as ClaimStatus | undefined, limit: size, cursor: after ?? null });
  }
}
