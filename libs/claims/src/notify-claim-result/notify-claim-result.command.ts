import type { ClaimResultNotified } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimStepCommand, resolveActionStep, seal, stampOf } from '../domain/claim-step';

export interface NotifyClaimResult extends ClaimStepCommand {
  kind: 'NotifyClaimResult';
  comment: string | null;
}

/** R-GW-2: the approved result is passed to the field service rep (seed: 现场技术经理负责将结果通知现场服务代表). */
export function decideNotifyClaimResult(command: NotifyClaimResult, state: ClaimState): ClaimResultNotified[] {
  const step = resolveActionStep(state, command, 'result_notification');
  return [
    seal(state.content, {
      type: 'ClaimResultNotified',
      data: { ...stampOf(state, command, step.step), notifiedRole: 'field_service_rep', comment: command.comment?.trim() || null },
    }),
  ];
}
