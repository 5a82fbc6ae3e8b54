import type { CustomerFlaggedSensitive, SensitiveKind } from '../domain/customer.events';
import type { CustomerState } from '../domain/customer.state';
import { CustomerErrors } from '../domain/customer.errors';

export interface FlagSensitiveCustomer {
  customerId: string;
  kind: SensitiveKind;
  reason: string;
  flaggedBy: string;
  flaggedByRole: string;
}

/** R-CF-2: a sensitive flag records its kind, reason and who set it; each kind once. */
export function decideFlagSensitiveCustomer(command: FlagSensitiveCustomer, state: CustomerState): CustomerFlaggedSensitive[] {
  if (!state.exists) throw CustomerErrors.notFound(command.customerId);
  if (state.sensitiveKinds.includes(command.kind)) throw CustomerErrors.alreadyFlagged(command.kind);
  return [{ type: 'CustomerFlaggedSensitive', data: { ...command } }];
}
