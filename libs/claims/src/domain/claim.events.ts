import type { DomainEvent } from '@aftercare/kernel';
import type { ClaimStepName, ClaimType } from './claim.flows';

/** Stored type strings: fixed here, never derived from class names (STYLE.md "Naming"). */
export const ClaimEventTypes = {
  GoodwillCompensationApplied: 'GoodwillCompensationApplied',
  GoodwillWarrantyRequested: 'GoodwillWarrantyRequested',
  ClaimStepApproved: 'ClaimStepApproved',
  ClaimStepRejected: 'ClaimStepRejected',
  ClaimRevised: 'ClaimRevised',
  WaiverSigned: 'WaiverSigned',
  WaiverConfirmed: 'WaiverConfirmed',
  AdvancePaymentRecorded: 'AdvancePaymentRecorded',
  VehicleVerified: 'VehicleVerified',
  TechnicalAssessmentMade: 'TechnicalAssessmentMade',
  ClaimRefused: 'ClaimRefused',
  ClaimHandedBackToComplaintHandling: 'ClaimHandedBackToComplaintHandling',
  ApprovalFormFilled: 'ApprovalFormFilled',
  ClaimArchived: 'ClaimArchived',
  MaterialsRequested: 'MaterialsRequested',
  MaterialsSubmitted: 'MaterialsSubmitted',
  ClaimResultNotified: 'ClaimResultNotified',
  ClaimSettled: 'ClaimSettled',
} as const;

export const CLAIM_EVENT_TYPES: string[] = Object.values(ClaimEventTypes);

/**
 * DOMAIN.md "Goodwill compensation": direct costs only (the customer's loss,
 * litigation; a repair is a direct cost too). `consequential` is accepted by the
 * API so that the refusal carries the rule's code rather than a bare 400.
 */
export const BREAKDOWN_KINDS = ['customer_loss', 'litigation', 'repair', 'consequential'] as const;
export type BreakdownKind = (typeof BREAKDOWN_KINDS)[number];
export const DIRECT_COST_KINDS: readonly BreakdownKind[] = ['customer_loss', 'litigation', 'repair'];

export interface BreakdownLine {
  kind: BreakdownKind;
  description: string;
  amount: number;
}

/** DOMAIN.md step 5: invoices, settlement statements, court judgments (and what else the region asks for). */
export const MATERIAL_KINDS = ['invoice', 'settlement_statement', 'court_judgment', 'waiver', 'receipt', 'photo', 'other'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export interface MaterialDocument {
  kind: MaterialKind;
  ref: string;
}

/**
 * Every step of a chain says who took it, in which role, when, and what they saw
 * (DOMAIN.md "Audit"; issue: auditors look hardest here):
 * - `claimRevision`: the application round (1, then +1 per revised application);
 * - `contentHash`: SHA-256 of the claim's canonical content with this step applied
 *   (claim-content.ts); for a sign-off that is exactly the content signed;
 * - `seenRevision`: the stream revision the step was decided on (what If-Match binds).
 */
export interface StepStamp {
  claimId: string;
  step: ClaimStepName;
  actorId: string;
  role: string;
  /** When it was recorded (the clock's now): sign-offs are never back-dated. */
  at: string;
  claimRevision: number;
  contentHash: string;
  seenRevision: number;
}

/** R-GW-1: what the customer file said when the request was taken. */
export interface WarrantyEligibility {
  /** R-CF-2 flags on the customer. */
  sensitiveKinds: string[];
  warrantyEndsAt: string;
  warrantyKm: number;
  /** Highest odometer recorded at a visit; null when no visit is on file. */
  lastOdometerKm: number | null;
  /** Why the vehicle is out of warranty: its period ended, its distance was reached, or both. */
  outOfWarrantyBy: ('time' | 'distance')[];
  checkedAt: string;
}

/** R-GC-2 step 3: the service director's application (《善意补偿款申请表》), for a major complaint (R-CP-4). */
export type GoodwillCompensationApplied = DomainEvent<
  'GoodwillCompensationApplied',
  StepStamp & {
    type: 'goodwill_compensation';
    dealerId: string;
    /** The dealer's OEM region, whose staff sign (fixed at application: a dealer's region never changes). */
    region: string;
    complaintId: string;
    customerId: string;
    vin: string | null;
    amount: number;
    currency: string;
    breakdown: BreakdownLine[];
    complaintSeverity: 'major';
  }
>;

/** R-GW-1 / R-GW-2: the customer's request, with the customer file's eligibility facts. */
export type GoodwillWarrantyRequested = DomainEvent<
  'GoodwillWarrantyRequested',
  StepStamp & {
    type: 'goodwill_warranty';
    dealerId: string;
    region: string;
    customerId: string;
    vin: string;
    failureDescription: string;
    eligibility: WarrantyEligibility;
  }
>;

/** A sign-off of R-GC-2 / R-GW-2 (approvals endpoint). */
export type ClaimStepApproved = DomainEvent<'ClaimStepApproved', StepStamp & { comment: string | null; rule: string }>;
/** Any sign-off may reject, with a reason; final unless the application is revised. */
export type ClaimStepRejected = DomainEvent<'ClaimStepRejected', StepStamp & { comment: string; rule: string }>;

/**
 * A revised application: a new round. The steps in `resetSteps` approved the old
 * content and wait again; the old round stays in the history.
 */
export type ClaimRevised = DomainEvent<
  'ClaimRevised',
  StepStamp & {
    amount: number;
    currency: string;
    /** Goodwill compensation only; null for a goodwill warranty approval form. */
    breakdown: BreakdownLine[] | null;
    comment: string | null;
    previousContentHash: string;
    resetSteps: ClaimStepName[];
    /** The step that had rejected the previous round, if one had. */
    rejectedStep: ClaimStepName | null;
  }
>;

/**
 * R-GC-1: the dealer and the customer signed the waiver (免责协议). In steps[] as
 * `waiver_signing`. `seenRevision` was added later: events written before it lack it
 * (the read model then takes the stream revision before the event, which is what
 * the decision was made on).
 */
export type WaiverSigned = DomainEvent<
  'WaiverSigned',
  { claimId: string; documentRef: string; signedAt: string; actorId: string; role: string; at: string; claimRevision: number; contentHash: string; seenRevision: number; rule: 'R-GC-1' }
>;
/** R-GC-1: OEM staff confirmed the waiver. In steps[] as `waiver_confirmation`. */
export type WaiverConfirmed = DomainEvent<
  'WaiverConfirmed',
  { claimId: string; documentRef: string; comment: string | null; actorId: string; role: string; at: string; claimRevision: number; contentHash: string; seenRevision: number; rule: 'R-GC-1' }
>;
/** DOMAIN.md step 1: the dealer advanced money to the customer in an emergency (only after R-GC-1). */
export type AdvancePaymentRecorded = DomainEvent<
  'AdvancePaymentRecorded',
  {
    claimId: string;
    amount: number;
    currency: string;
    paidAt: string;
    /** The confirmation it relied on (R-GC-1). */
    waiverConfirmedAt: string;
    actorId: string;
    role: string;
    at: string;
    claimRevision: number;
    contentHash: string;
    rule: 'R-GC-1';
  }
>;

export type VehicleVerified = DomainEvent<'VehicleVerified', StepStamp & { findings: string }>;
/** R-GW-1: the quality question, and whether the damage came from a natural disaster. */
export type TechnicalAssessmentMade = DomainEvent<
  'TechnicalAssessmentMade',
  StepStamp & { qualityIssue: boolean; naturalDisaster: boolean; findings: string }
>;
/** R-GW-1: the claim is not eligible; nothing more happens to it. */
export type ClaimRefused = DomainEvent<
  'ClaimRefused',
  { claimId: string; code: 'CLAIM.NATURAL_DISASTER' | 'CLAIM.NOT_QUALITY_PROBLEM'; reason: string; rule: 'R-GW-1'; at: string; claimRevision: number; contentHash: string }
>;
/**
 * R-GW-1: natural-disaster damage is the dealer's to handle as the customer's
 * complaint. Published for the complaints context (and integrators) to take up:
 * the claim carries everything a complaint intake needs.
 */
export type ClaimHandedBackToComplaintHandling = DomainEvent<
  'ClaimHandedBackToComplaintHandling',
  {
    claimId: string;
    dealerId: string;
    customerId: string;
    vin: string;
    reason: 'natural_disaster';
    failureDescription: string;
    findings: string;
    handedBackTo: 'customer_service_manager';
    rule: 'R-GW-1';
    at: string;
    claimRevision: number;
    contentHash: string;
  }
>;
/** R-GW-2: 《优惠索赔审批表》 with the amount. */
export type ApprovalFormFilled = DomainEvent<'ApprovalFormFilled', StepStamp & { amount: number; currency: string }>;
/**
 * Goodwill compensation: product liability archives (POST /claims/{id}/archive), or,
 * when it did not, the settling product liability actor archives in the settlement's
 * append (`implicit: true`, R-GC-3). Goodwill warranty: claims staff process and
 * archive (POST /claims/{id}/approvals, or the extension POST /claims/{id}/archive).
 */
export type ClaimArchived = DomainEvent<'ClaimArchived', StepStamp & { comment: string | null; implicit?: boolean }>;
export type MaterialsRequested = DomainEvent<'MaterialsRequested', StepStamp & { kinds: MaterialKind[]; note: string | null }>;
export type MaterialsSubmitted = DomainEvent<'MaterialsSubmitted', StepStamp & { documents: MaterialDocument[] }>;
/**
 * R-GW-2 "result passed to the field service rep": by the field technical manager
 * (POST /claims/{id}/result-notification), or with the claims staff's archive through
 * POST /claims/{id}/approvals, in the same append, under that claims staff actor
 * (`implicit: true`): their processing released the result.
 */
export type ClaimResultNotified = DomainEvent<'ClaimResultNotified', StepStamp & { notifiedRole: 'field_service_rep'; comment: string | null; implicit?: boolean }>;
/**
 * R-GC-3: goodwill compensation is paid as a parts claim and is not counted in the
 * region's per-vehicle claim cost; a goodwill warranty claim is a warranty claim
 * and is counted (libs/claims/README.md "Claim costs").
 */
export type ClaimSettled = DomainEvent<
  'ClaimSettled',
  StepStamp & {
    type: ClaimType;
    dealerId: string;
    region: string;
    amount: number;
    currency: string;
    approvedAmount: number;
    /** What the dealer advanced to the customer before (goodwill compensation). */
    advancedByDealer: number;
    paidAs: 'parts_claim' | 'warranty_claim';
    countsInPerVehicleClaimCost: boolean;
    rule: string;
  }
>;

export type ClaimEvent =
  | GoodwillCompensationApplied
  | GoodwillWarrantyRequested
  | ClaimStepApproved
  | ClaimStepRejected
  | ClaimRevised
  | WaiverSigned
  | WaiverConfirmed
  | AdvancePaymentRecorded
  | VehicleVerified
  | TechnicalAssessmentMade
  | ClaimRefused
  | ClaimHandedBackToComplaintHandling
  | ApprovalFormFilled
  | ClaimArchived
  | MaterialsRequested
  | MaterialsSubmitted
  | ClaimResultNotified
  | ClaimSettled;
