import type { VehicleVerified } from '../domain/claim.events';
import type { ClaimState } from '../domain/claim.state';
import { ClaimStepCommand, resolveActionStep, seal, stampOf } from '../domain/claim-step';

export interface VerifyVehicle extends ClaimStepCommand {
  kind: 'VerifyVehicle';
  findings: string;
}

/** R-GW-2: after the service director's first review, the OEM field service rep verifies the vehicle's condition. */
export function decideVerifyVehicle(command: VerifyVehicle, state: ClaimState): VehicleVerified[] {
  const step = resolveActionStep(state, command, 'vehicle_verification');
  return [seal(state.content, { type: 'VehicleVerified', data: { ...stampOf(state, command, step.step), findings: command.findings.trim() } })];
}
