import type { Actor } from '@aftercare/kernel';
import type { BreakdownLine, GoodwillCompensationApplied } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { checkCompensationApplication } from '../domain/claim-application.rules';
import { seal } from '../domain/claim-step';

/** What the complaints context's stream says about the complaint the claim settles. */
export interface ComplaintFacts {
  complaintId: string;
  dealerId: string;
  customerId: string;
  vin: string | null;
  severity: string;
}

export interface ApplyGoodwillCompensation {
  kind: 'ApplyGoodwillCompensation';
  claimId: string;
  by: Actor;
  at: string;
  complaintId: string;
  /** null when no such complaint exists. */
  complaint: ComplaintFacts | null;
  /** The OEM region of the complaint's dealer; null when the dealer is not registered. */
  dealerRegion: string | null;
  amount: number;
  currency: string;
  breakdown: BreakdownLine[];
}

/**
 * DOMAIN.md "Goodwill compensation" step 3 (R-GC-2 starts here): the dealer's service
 * director applies, for a major complaint of the dealer (R-CP-4), for direct costs
 * only, the breakdown adding up to the amount.
 */
export function decideApplyGoodwillCompensation(command: ApplyGoodwillCompensation, _state: ClaimState): GoodwillCompensationApplied[] {
  if (command.by.role !== 'service_director') throw ClaimErrors.roleNotAllowed(command.by.role, 'apply for goodwill compensation');
  const complaint = command.complaint;
  if (!complaint) throw ClaimErrors.complaintNotFound(command.complaintId);
  if (command.by.dealerId !== complaint.dealerId) throw ClaimErrors.outOfScope(`dealer ${complaint.dealerId}`);
  if (!command.dealerRegion) throw ClaimErrors.dealerUnknown(complaint.dealerId);
  if (complaint.severity !== 'major') throw ClaimErrors.complaintNotMajor(complaint.severity);
  const breakdown = checkCompensationApplication(command.amount, command.currency, command.breakdown);
  return [
    seal(null, {
      type: 'GoodwillCompensationApplied',
      data: {
        claimId: command.claimId,
        step: 'application',
        actorId: command.by.id,
        role: command.by.role,
        at: command.at,
        claimRevision: 1,
        contentHash: '',
        seenRevision: -1,
        type: 'goodwill_compensation',
        dealerId: complaint.dealerId,
        region: command.dealerRegion,
        complaintId: complaint.complaintId,
        customerId: complaint.customerId,
        vin: complaint.vin,
        amount: command.amount,
        currency: command.currency,
        breakdown,
        complaintSeverity: 'major',
      },
    }),
  ];
}
