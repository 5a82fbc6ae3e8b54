import type { MaterialKind, MaterialsRequested } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimStepCommand, resolveActionStep, seal, stampOf } from '../domain/claim-step';

export interface RequestMaterials extends ClaimStepCommand {
  kind: 'RequestMaterials';
  kinds: MaterialKind[];
  note: string | null;
}

/** DOMAIN.md "Goodwill compensation" step 5: regional staff ask the dealer for invoices, settlement statements, court judgments. */
export function decideRequestMaterials(command: RequestMaterials, state: ClaimState): MaterialsRequested[] {
  const step = resolveActionStep(state, command, 'materials_request');
  const kinds = [...new Set(command.kinds)];
  return [seal(state.content, { type: 'MaterialsRequested', data: { ...stampOf(state, command, step.step), kinds, note: command.note?.trim() || null } })];
}
