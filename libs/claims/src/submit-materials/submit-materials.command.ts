import type { MaterialDocument, MaterialsSubmitted } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimErrors } from '../domain/claim.errors';
import { ClaimStepCommand, resolveActionStep, seal, stampOf } from '../domain/claim-step';

export interface SubmitMaterials extends ClaimStepCommand {
  kind: 'SubmitMaterials';
  documents: MaterialDocument[];
}

/**
 * DOMAIN.md step 5: the dealer sends what the region asked for: at least one
 * document of every kind requested, so settlement (R-GC-3) rests on complete papers.
 */
export function decideSubmitMaterials(command: SubmitMaterials, state: ClaimState): MaterialsSubmitted[] {
  const step = resolveActionStep(state, command, 'materials_submission');
  const sent = new Set(command.documents.map((d) => d.kind));
  const missing = state.requestedMaterials.filter((k) => !sent.has(k));
  if (missing.length) throw ClaimErrors.materialsIncomplete(missing);
  const documents = command.documents.map((d) => ({ kind: d.kind, ref: d.ref.trim() }));
  return [seal(state.content, { type: 'MaterialsSubmitted', data: { ...stampOf(state, command, step.step), documents } })];
}
