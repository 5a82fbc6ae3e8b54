import { Actor, DomainError, mayWriteDealerData } from '@aftercare/kernel';

/** API.md: dealer roles change only their dealer's customer file; auditors and integrators never write. */
export function assertMayWriteCustomerFile(actor: Actor, dealerId: string | null): void {
  if (!mayWriteDealerData(actor, dealerId)) {
    throw DomainError.forbidden('AUTH.OUT_OF_SCOPE', "this role may not change this dealer's customer file");
  }
}
