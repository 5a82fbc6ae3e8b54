import type { ClaimStatus, ClaimStepName, ClaimType } from '../../domain/claim.flows';
import type { ClaimProgress } from '../../domain/claim-progress';

/** One step waiting for one role: "what waits for me". */
export const CLAIM_WORKLIST = 'claim_worklist';
/** Per claim: the progress the worklist is derived from (this projection's own fold). */
export const CLAIM_WORKLIST_CLAIMS = 'claim_worklist_claims';

export interface ClaimWorkItemDoc {
  /** `<claimId>:<step>:<role>` */
  _id: string;
  claimId: string;
  type: ClaimType;
  step: ClaimStepName;
  label: string;
  role: string;
  rule: string;
  dealerId: string;
  region: string;
  customerId: string;
  complaintId: string | null;
  status: ClaimStatus;
  amount: number | null;
  currency: string | null;
  claimRevision: number;
  /** When the step started waiting (recorded time of the event that made it next). */
  since: string;
  /** The read store's documents are open records. */
  [key: string]: unknown;
}

export interface ClaimWorklistClaimDoc {
  _id: string;
  type: ClaimType;
  dealerId: string;
  region: string;
  customerId: string;
  complaintId: string | null;
  amount: number | null;
  currency: string | null;
  claimRevision: number;
  progress: ClaimProgress;
  /** step → when it started waiting. */
  since: Record<string, string>;
  /** The read store's documents are open records. */
  [key: string]: unknown;
}
