import type { PersonalDataErased } from '../domain/customer.events';
import type { CustomerState } from '../domain/customer.state';
import { CustomerErrors } from '../domain/customer.errors';

export interface ErasePersonalData {
  customerId: string;
  reason: string;
  erasedBy: string;
  erasedByRole: string;
}

/**
 * Erasure keeps the customer, the history and every count; only the personal
 * fields go (their key is destroyed by the handler). A second erasure decides
 * nothing: DELETE is idempotent (docs/personal-data.md).
 */
export function decideErasePersonalData(command: ErasePersonalData, state: CustomerState): PersonalDataErased[] {
  if (!state.exists) throw CustomerErrors.notFound(command.customerId);
  if (state.erased) return [];
  return [{ type: 'PersonalDataErased', data: { customerId: command.customerId, reason: command.reason, erasedBy: command.erasedBy, erasedByRole: command.erasedByRole } }];
}
