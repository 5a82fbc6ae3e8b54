import type { Role } from '@aftercare/kernel';

export const CLAIM_TYPES = ['goodwill_compensation', 'goodwill_warranty'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

/** Every step either chain knows; which chain has which is the table below. */
export type ClaimStepName =
  // goodwill compensation (DOMAIN.md "Goodwill compensation" 3–6)
  | 'application'
  | 'after_sales_sign_off'
  | 'regional_sign_off'
  | 'general_manager_sign_off'
  | 'leadership_submission'
  | 'leadership_approval'
  | 'materials_request'
  | 'materials_submission'
  // goodwill warranty (R-GW-2)
  | 'request'
  | 'director_review'
  | 'vehicle_verification'
  | 'technical_assessment'
  | 'approval_form'
  | 'technical_manager_sign_off'
  | 'field_service_rep_sign_off'
  | 'technical_audit'
  | 'result_notification'
  // beside the goodwill compensation chain (R-GC-1): in steps[], not in the table
  | 'waiver_signing'
  | 'waiver_confirmation'
  // both
  | 'archive'
  | 'settlement';

export const CLAIM_STATUSES = [
  'requested',
  'in_verification',
  'in_assessment',
  'awaiting_approval_form',
  'in_approval',
  'approved',
  'archived',
  'materials_requested',
  'materials_submitted',
  'result_notified',
  'settled',
  'rejected',
  'refused',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/**
 * One step of a chain.
 * - `submission`: the step that opens the claim (or a round of it).
 * - `approval`: taken through POST /claims/{id}/approvals ("the step follows from the
 *   claim's state and the caller's role"): a sign-off approves or rejects; the goodwill
 *   warranty's "process and archive" (claims staff) approves only.
 * - `action`: a step with an endpoint of its own (verification, archive, settlement…).
 */
export interface FlowStep {
  step: ClaimStepName;
  kind: 'submission' | 'approval' | 'action';
  roles: readonly Role[];
  /**
   * Steps of one group wait together and may be taken in any order; a group waits
   * only once every step of the groups before it is done.
   */
  group: number;
  /** The claim's status while this step waits. */
  awaitingStatus: ClaimStatus;
  /**
   * A revised application undoes this step: it approved content that no longer
   * exists, so it must be taken again on the new content (issue: "a revision resets
   * prior approvals of the content").
   */
  resetByRevision: boolean;
  rule: string;
  /** What the step is, for people (worklists, OpenAPI). */
  label: string;
  /**
   * The chain goes on without it: it may be taken while it waits (its group is
   * reached), but it holds back no later step. Optional steps are left out of the
   * worklist (nothing waits on them) and marked `optional` in `awaiting`.
   */
  optional?: boolean;
  /** An optional step that becomes required once this step is done (materials asked for must be sent). */
  requiredOnceDone?: ClaimStepName;
  /** An optional step that no longer waits once one of these is done (no request after the papers were sent). */
  closedBy?: readonly ClaimStepName[];
  /** An optional step not taken on its own is recorded implicitly, by the same actor and in the same append, when this step is taken. */
  implicitWith?: ClaimStepName;
}

export interface ClaimFlow {
  type: ClaimType;
  steps: readonly FlowStep[];
}

/**
 * R-GC-2 and DOMAIN.md "Goodwill compensation": the service director's application
 * (step 3), the five sign-offs in their fixed order; leadership's approval approves
 * the claim. Then (steps 5–6, R-GC-3): product liability archives, regional staff ask
 * the dealer for materials, the dealer sends them, product liability settles. Only
 * the settlement is required (API.md has no archive or request endpoint): the
 * archive, when not taken on its own, is recorded at the settlement by the settling
 * product liability actor; the dealer may send materials unasked; once regional
 * staff asked for materials, the settlement waits for every kind asked. The waiver
 * of R-GC-1 runs beside the chain (it gates the dealer's advance payment, not the
 * sign-offs).
 */
export const GOODWILL_COMPENSATION_FLOW: ClaimFlow = {
  type: 'goodwill_compensation',
  steps: [
    { step: 'application', kind: 'submission', roles: ['service_director'], group: 0, awaitingStatus: 'in_approval', resetByRevision: false, rule: 'R-GC-2', label: 'the service director fills the goodwill compensation application' },
    { step: 'after_sales_sign_off', kind: 'approval', roles: ['oem_after_sales'], group: 1, awaitingStatus: 'in_approval', resetByRevision: true, rule: 'R-GC-2', label: 'OEM after-sales staff sign the application' },
    { step: 'regional_sign_off', kind: 'approval', roles: ['regional_service_manager'], group: 2, awaitingStatus: 'in_approval', resetByRevision: true, rule: 'R-GC-2', label: 'the regional service manager signs' },
    { step: 'general_manager_sign_off', kind: 'approval', roles: ['oem_general_manager'], group: 3, awaitingStatus: 'in_approval', resetByRevision: true, rule: 'R-GC-2', label: 'the OEM general manager signs' },
    { step: 'leadership_submission', kind: 'approval', roles: ['product_liability'], group: 4, awaitingStatus: 'in_approval', resetByRevision: true, rule: 'R-GC-2', label: 'the product liability department submits it to leadership' },
    { step: 'leadership_approval', kind: 'approval', roles: ['oem_leadership'], group: 5, awaitingStatus: 'in_approval', resetByRevision: true, rule: 'R-GC-2', label: 'leadership approves' },
    { step: 'archive', kind: 'action', roles: ['product_liability'], group: 6, awaitingStatus: 'approved', resetByRevision: false, rule: 'R-GC-3', label: 'the product liability department archives the approved application', optional: true, implicitWith: 'settlement' },
    { step: 'materials_request', kind: 'action', roles: ['regional_service_manager'], group: 6, awaitingStatus: 'archived', resetByRevision: false, rule: 'R-GC-3', label: 'regional staff ask the dealer for invoices, settlement statements, court judgments', optional: true, closedBy: ['materials_submission'] },
    { step: 'materials_submission', kind: 'action', roles: ['service_director'], group: 7, awaitingStatus: 'materials_requested', resetByRevision: false, rule: 'R-GC-3', label: 'the dealer sends the materials (every kind requested)', optional: true, requiredOnceDone: 'materials_request' },
    { step: 'settlement', kind: 'action', roles: ['product_liability'], group: 8, awaitingStatus: 'materials_submitted', resetByRevision: false, rule: 'R-GC-3', label: 'the product liability department archives and settles it as a parts claim' },
  ],
};

/**
 * R-GW-2, step by step as the seed lists them. The technical assessment decides
 * R-GW-1's quality question (a natural disaster or no quality problem refuses the
 * claim there). The field technical manager and the field service rep sign the
 * approval form in either order; the OEM's after-sales technical audit follows; the
 * claims staff process and archive it (POST /claims/{id}/approvals by claims staff:
 * the step follows from the state and the role); the result is passed to the field
 * service rep, recorded with the archive in the same append (or, after the
 * extension POST /claims/{id}/archive, by the field technical manager through
 * POST /claims/{id}/result-notification: seed 现场技术经理负责将结果通知现场服务代表);
 * the claims staff settle.
 */
export const GOODWILL_WARRANTY_FLOW: ClaimFlow = {
  type: 'goodwill_warranty',
  steps: [
    { step: 'request', kind: 'submission', roles: ['service_advisor', 'customer_service_manager', 'service_director'], group: 0, awaitingStatus: 'requested', resetByRevision: false, rule: 'R-GW-1', label: 'the dealer records the customer request' },
    { step: 'director_review', kind: 'approval', roles: ['service_director'], group: 1, awaitingStatus: 'requested', resetByRevision: false, rule: 'R-GW-2', label: "the service director's first review" },
    { step: 'vehicle_verification', kind: 'action', roles: ['field_service_rep'], group: 2, awaitingStatus: 'in_verification', resetByRevision: false, rule: 'R-GW-2', label: 'the field service rep verifies the vehicle' },
    { step: 'technical_assessment', kind: 'action', roles: ['field_technical_manager'], group: 3, awaitingStatus: 'in_assessment', resetByRevision: false, rule: 'R-GW-1', label: 'the field technical manager decides whether it is a quality problem' },
    { step: 'approval_form', kind: 'action', roles: ['service_director'], group: 4, awaitingStatus: 'awaiting_approval_form', resetByRevision: false, rule: 'R-GW-2', label: 'the service director fills the approval form with the amount' },
    { step: 'technical_manager_sign_off', kind: 'approval', roles: ['field_technical_manager'], group: 5, awaitingStatus: 'in_approval', resetByRevision: true, rule: 'R-GW-2', label: 'the field technical manager signs the approval form' },
    { step: 'field_service_rep_sign_off', kind: 'approval', roles: ['field_service_rep'], group: 5, awaitingStatus: 'in_approval', resetByRevision: true, rule: 'R-GW-2', label: 'the field service rep signs the approval form' },
    { step: 'technical_audit', kind: 'approval', roles: ['oem_after_sales'], group: 6, awaitingStatus: 'in_approval', resetByRevision: true, rule: 'R-GW-2', label: "the OEM after-sales department's technical audit" },
    { step: 'archive', kind: 'approval', roles: ['claims_staff'], group: 7, awaitingStatus: 'approved', resetByRevision: false, rule: 'R-GW-2', label: 'claims staff process and archive the claim' },
    { step: 'result_notification', kind: 'action', roles: ['field_technical_manager'], group: 8, awaitingStatus: 'archived', resetByRevision: false, rule: 'R-GW-2', label: 'the result is passed to the field service rep' },
    { step: 'settlement', kind: 'action', roles: ['claims_staff'], group: 9, awaitingStatus: 'result_notified', resetByRevision: false, rule: 'R-GW-2', label: 'claims staff settle the claim' },
  ],
};

export const CLAIM_FLOWS: Record<ClaimType, ClaimFlow> = {
  goodwill_compensation: GOODWILL_COMPENSATION_FLOW,
  goodwill_warranty: GOODWILL_WARRANTY_FLOW,
};

export function flowStep(type: ClaimType, step: ClaimStepName): FlowStep | undefined {
  return CLAIM_FLOWS[type].steps.find((s) => s.step === step);
}

/** Every role that signs some step through POST /claims/{id}/approvals: the endpoint admits these. */
export const APPROVING_ROLES: Role[] = [
  ...new Set(Object.values(CLAIM_FLOWS).flatMap((f) => f.steps.filter((s) => s.kind === 'approval').flatMap((s) => s.roles))),
];

/** The roles that take `step` in either chain (an endpoint serving both chains admits their union). */
export function rolesForStep(step: ClaimStepName): Role[] {
  return [...new Set(Object.values(CLAIM_FLOWS).flatMap((f) => f.steps.filter((s) => s.step === step).flatMap((s) => s.roles)))];
}
