import type { BreakdownLine, MaterialDocument, MaterialKind, WarrantyEligibility } from '../../domain/claim.events';
import type { ClaimStatus, ClaimStepName, ClaimType } from '../../domain/claim.flows';
import type { ClaimProgress } from '../../domain/claim-progress';

export const CLAIM_DETAILS = 'claim_details';

/**
 * One step of a round as the audit needs it (DOMAIN.md "Audit"; API.md claim read
 * shape): who, in which role, when, the decision and its comment, and exactly which
 * version of the claim they saw (round, content hash, stream revision).
 */
export interface ClaimStepEntry {
  step: ClaimStepName;
  /** `submitted` (application, request, revision), `approve` / `reject` (sign-offs), `done` (other steps). */
  decision: 'submitted' | 'approve' | 'reject' | 'done';
  actorId: string;
  role: string;
  at: string;
  comment: string | null;
  claimRevision: number;
  contentHash: string;
  seenRevision: number;
  rule: string | null;
  /** Present (true) when the step was recorded with another one, by its actor, in the same append (claim.flows.ts `implicitWith`; README). */
  implicit?: true;
}

/** An earlier round: what was applied for, and every step taken on it, kept when a revision opened the next. */
export interface ClaimRound {
  claimRevision: number;
  amount: number | null;
  currency: string | null;
  breakdown: BreakdownLine[] | null;
  contentHash: string;
  /** rejected: a step rejected it; superseded: revised while the sign-offs were under way. */
  outcome: 'rejected' | 'superseded';
  rejectedStep: ClaimStepName | null;
  closedAt: string;
  closedBy: string;
  steps: ClaimStepEntry[];
}

export interface ClaimDetailsDoc {
  _id: string;
  id: string;
  type: ClaimType;
  status: ClaimStatus;
  dealerId: string;
  region: string;
  complaintId: string | null;
  customerId: string;
  vin: string | null;
  amount: number | null;
  currency: string | null;
  breakdown: BreakdownLine[] | null;
  failureDescription: string | null;
  eligibility: WarrantyEligibility | null;
  claimRevision: number;
  contentHash: string;
  progress: ClaimProgress;
  /** What waits now, by whom, since when (the worklist's source of truth is the same progress). */
  awaiting: { step: ClaimStepName; roles: string[]; since: string; optional?: true }[];
  steps: ClaimStepEntry[];
  rounds: ClaimRound[];
  waiver: {
    documentRef: string;
    signedAt: string;
    signedBy: { actorId: string; role: string; at: string };
    confirmed: { actorId: string; role: string; at: string; comment: string | null } | null;
  } | null;
  advancePayments: { amount: number; currency: string; paidAt: string; actorId: string; role: string; at: string; waiverConfirmedAt: string }[];
  vehicleVerification: { findings: string; actorId: string; at: string } | null;
  technicalAssessment: { qualityIssue: boolean; naturalDisaster: boolean; findings: string; actorId: string; at: string } | null;
  materials: {
    requested: { kinds: MaterialKind[]; note: string | null; actorId: string; role: string; at: string } | null;
    documents: MaterialDocument[];
    submitted: { actorId: string; role: string; at: string } | null;
  };
  settlement: {
    amount: number;
    currency: string;
    approvedAmount: number;
    advancedByDealer: number;
    paidAs: 'parts_claim' | 'warranty_claim';
    countsInPerVehicleClaimCost: boolean;
    actorId: string;
    role: string;
    at: string;
    rule: string;
  } | null;
  refusal: { code: string; reason: string; rule: string; at: string } | null;
  /** R-GW-1: a natural-disaster case handed back to the dealer's complaint handling. */
  handedBack: { to: string; reason: string; at: string } | null;
  createdAt: string;
  updatedAt: string;
  /** Stream revision: the ETag. */
  revision: number;
  /** The read store's documents are open records. */
  [key: string]: unknown;
}
