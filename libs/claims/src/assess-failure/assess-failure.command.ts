import type { ClaimEvent } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { contentAfter } from '../domain/claim.state';
import { ClaimStepCommand, resolveActionStep, sealAll, stampOf } from '../domain/claim-step';

export interface AssessFailure extends ClaimStepCommand {
  kind: 'AssessFailure';
  qualityIssue: boolean;
  naturalDisaster: boolean;
  findings: string;
}

/**
 * R-GW-1 at the technical assessment (R-GW-2): the field technical manager decides
 * whether the failure is a quality problem. The assessment is always recorded; when
 * the damage came from a natural disaster, or it is no quality problem, the claim is
 * refused with the rule's code in the same append. Natural-disaster damage is handed
 * back to complaint handling: the dealer handles that customer's complaint instead.
 */
export function decideAssessFailure(command: AssessFailure, state: ClaimState): ClaimEvent[] {
  const step = resolveActionStep(state, command, 'technical_assessment');
  const findings = command.findings.trim();
  const assessment: ClaimEvent = {
    type: 'TechnicalAssessmentMade',
    data: { ...stampOf(state, command, step.step), qualityIssue: command.qualityIssue, naturalDisaster: command.naturalDisaster, findings },
  };
  const base = { claimId: command.claimId, at: command.at, claimRevision: state.claimRevision, contentHash: '' };
  const events: ClaimEvent[] = [assessment];
  if (command.naturalDisaster) {
    const content = contentAfter(state.content, assessment);
    events.push(
      { type: 'ClaimRefused', data: { ...base, code: 'CLAIM.NATURAL_DISASTER', reason: 'natural-disaster damage is excluded from goodwill warranty', rule: 'R-GW-1' } },
      {
        type: 'ClaimHandedBackToComplaintHandling',
        data: {
          ...base,
          dealerId: state.dealerId!,
          customerId: state.customerId!,
          vin: state.vin!,
          reason: 'natural_disaster',
          failureDescription: content?.type === 'goodwill_warranty' ? content.failureDescription : '',
          findings,
          handedBackTo: 'customer_service_manager',
          rule: 'R-GW-1',
        },
      },
    );
  } else if (!command.qualityIssue) {
    events.push({ type: 'ClaimRefused', data: { ...base, code: 'CLAIM.NOT_QUALITY_PROBLEM', reason: 'the failure is not a quality problem', rule: 'R-GW-1' } });
  }
  return sealAll(state.content, events);
}
