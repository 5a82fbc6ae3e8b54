import { Actor, mayWriteDealerData } from '@aftercare/kernel';
import { MemberErrors } from './member.errors';
import type { MemberState } from './member.state';

/** API.md "Conventions": dealer roles change only their own dealer's members; admin and the system any. */
export function assertMayWrite(actor: Actor, dealerId: string | null): void {
  if (!mayWriteDealerData(actor, dealerId)) throw MemberErrors.outOfScope(dealerId);
}

/** Every command on an existing membership: in scope, and not cancelled. */
export function assertActiveMember(actor: Actor, state: MemberState): void {
  assertMayWrite(actor, state.dealerId);
  if (state.status !== 'active') throw MemberErrors.cancelled();
}
