import type { BreakdownLine, ClaimEvent, MaterialDocument, MaterialKind, WarrantyEligibility } from './claim.events';
import type { ClaimStepName, ClaimType } from './claim.flows';
import { ClaimProgress, evolveProgress } from './claim-progress';
import { toCents } from './claim-money';

/**
 * "The claim" an approver signs (issue: the exact version each approval saw). For a
 * goodwill compensation: the application (complaint, amount, currency, direct-cost
 * breakdown), the waiver and the documents sent; for a goodwill warranty: the request
 * with its eligibility facts, the vehicle verification, the technical assessment and
 * the approval form. Ids, types and the dealer are in it so a hash can never be
 * carried over to another claim.
 */
export type ClaimContent = GoodwillCompensationContent | GoodwillWarrantyContent;

export interface GoodwillCompensationContent {
  type: 'goodwill_compensation';
  claimId: string;
  dealerId: string;
  complaintId: string;
  customerId: string;
  vin: string | null;
  amount: number;
  currency: string;
  breakdown: BreakdownLine[];
  waiver: { documentRef: string; signedAt: string; confirmed: boolean } | null;
  documents: MaterialDocument[];
}

export interface GoodwillWarrantyContent {
  type: 'goodwill_warranty';
  claimId: string;
  dealerId: string;
  customerId: string;
  vin: string;
  failureDescription: string;
  eligibility: WarrantyEligibility;
  vehicleVerification: { findings: string } | null;
  technicalAssessment: { qualityIssue: boolean; naturalDisaster: boolean; findings: string } | null;
  approvalForm: { amount: number; currency: string } | null;
}

export interface ClaimState {
  exists: boolean;
  claimId: string | null;
  type: ClaimType | null;
  dealerId: string | null;
  region: string | null;
  customerId: string | null;
  vin: string | null;
  complaintId: string | null;
  progress: ClaimProgress | null;
  /** The application round: 1, +1 per revision. */
  claimRevision: number;
  content: ClaimContent | null;
  contentHash: string | null;
  /** Goodwill compensation: the application's amount; goodwill warranty: the approval form's (null before it). */
  amount: number | null;
  currency: string | null;
  /** Who signed which sign-off in the current round (one person never signs two). */
  signatures: { step: ClaimStepName; actorId: string }[];
  waiver: { documentRef: string; signedAt: string; confirmedAt: string | null } | null;
  advancedCents: number;
  requestedMaterials: MaterialKind[];
}

export function initialClaimState(): ClaimState {
  return {
    exists: false,
    claimId: null,
    type: null,
    dealerId: null,
    region: null,
    customerId: null,
    vin: null,
    complaintId: null,
    progress: null,
    claimRevision: 0,
    content: null,
    contentHash: null,
    amount: null,
    currency: null,
    signatures: [],
    waiver: null,
    advancedCents: 0,
    requestedMaterials: [],
  };
}

/**
 * The content after `event`: the one definition of how each step changes "the
 * claim", used by evolve and by decide (which hashes the result into the event).
 */
export function contentAfter(content: ClaimContent | null, event: ClaimEvent): ClaimContent | null {
  switch (event.type) {
    case 'GoodwillCompensationApplied': {
      const d = event.data;
      return {
        type: 'goodwill_compensation', claimId: d.claimId, dealerId: d.dealerId, complaintId: d.complaintId, customerId: d.customerId, vin: d.vin,
        amount: d.amount, currency: d.currency, breakdown: d.breakdown, waiver: null, documents: [],
      };
    }
    case 'GoodwillWarrantyRequested': {
      const d = event.data;
      return {
        type: 'goodwill_warranty', claimId: d.claimId, dealerId: d.dealerId, customerId: d.customerId, vin: d.vin, failureDescription: d.failureDescription,
        eligibility: d.eligibility, vehicleVerification: null, technicalAssessment: null, approvalForm: null,
      };
    }
  }
  if (!content) return null;
  switch (event.type) {
    case 'ClaimRevised':
      return content.type === 'goodwill_compensation'
        ? { ...content, amount: event.data.amount, currency: event.data.currency, breakdown: event.data.breakdown ?? content.breakdown }
        : { ...content, approvalForm: { amount: event.data.amount, currency: event.data.currency } };
    case 'WaiverSigned':
      return content.type === 'goodwill_compensation' ? { ...content, waiver: { documentRef: event.data.documentRef, signedAt: event.data.signedAt, confirmed: false } } : content;
    case 'WaiverConfirmed':
      return content.type === 'goodwill_compensation' && content.waiver ? { ...content, waiver: { ...content.waiver, confirmed: true } } : content;
    case 'MaterialsSubmitted':
      return content.type === 'goodwill_compensation' ? { ...content, documents: [...content.documents, ...event.data.documents] } : content;
    case 'VehicleVerified':
      return content.type === 'goodwill_warranty' ? { ...content, vehicleVerification: { findings: event.data.findings } } : content;
    case 'TechnicalAssessmentMade': {
      const { qualityIssue, naturalDisaster, findings } = event.data;
      return content.type === 'goodwill_warranty' ? { ...content, technicalAssessment: { qualityIssue, naturalDisaster, findings } } : content;
    }
    case 'ApprovalFormFilled':
      return content.type === 'goodwill_warranty' ? { ...content, approvalForm: { amount: event.data.amount, currency: event.data.currency } } : content;
    default:
      return content;
  }
}

export function evolveClaim(state: ClaimState, event: ClaimEvent): ClaimState {
  const next: ClaimState = {
    ...state,
    progress: evolveProgress(state.progress, event),
    content: contentAfter(state.content, event),
    contentHash: 'contentHash' in event.data ? event.data.contentHash : state.contentHash,
  };
  switch (event.type) {
    case 'GoodwillCompensationApplied': {
      const d = event.data;
      return {
        ...next, exists: true, claimId: d.claimId, type: d.type, dealerId: d.dealerId, region: d.region, customerId: d.customerId, vin: d.vin,
        complaintId: d.complaintId, claimRevision: d.claimRevision, amount: d.amount, currency: d.currency,
      };
    }
    case 'GoodwillWarrantyRequested': {
      const d = event.data;
      return { ...next, exists: true, claimId: d.claimId, type: d.type, dealerId: d.dealerId, region: d.region, customerId: d.customerId, vin: d.vin, claimRevision: d.claimRevision };
    }
    case 'ClaimStepApproved':
    case 'ClaimStepRejected':
      return { ...next, signatures: [...next.signatures, { step: event.data.step, actorId: event.data.actorId }] };
    case 'ClaimRevised': {
      const reset = new Set<ClaimStepName>(event.data.resetSteps);
      return {
        ...next,
        claimRevision: event.data.claimRevision,
        amount: event.data.amount,
        currency: event.data.currency,
        signatures: next.signatures.filter((s) => !reset.has(s.step)),
      };
    }
    case 'ApprovalFormFilled':
      return { ...next, amount: event.data.amount, currency: event.data.currency };
    case 'WaiverSigned':
      return { ...next, waiver: { documentRef: event.data.documentRef, signedAt: event.data.signedAt, confirmedAt: null } };
    case 'WaiverConfirmed':
      return next.waiver ? { ...next, waiver: { ...next.waiver, confirmedAt: event.data.at } } : next;
    case 'AdvancePaymentRecorded':
      return { ...next, advancedCents: next.advancedCents + toCents(event.data.amount) };
    case 'MaterialsRequested':
      return { ...next, requestedMaterials: event.data.kinds };
    default:
      return next;
  }
}
