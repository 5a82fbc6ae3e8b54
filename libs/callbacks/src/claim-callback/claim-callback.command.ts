import type { Actor } from '@aftercare/kernel';
import type { CallbackClaimed } from '../domain/callback.events';
import { CallbackState, isOpen } from '../domain/callback.state';
import { CallbackErrors } from '../domain/callback.errors';
import { assertMayDo } from '../domain/callback.policy';

export interface ClaimCallback {
  callbackId: string;
  by: Actor;
  claimedAt: string;
}

/** Roles that may take a call routed to someone else (R-CB-11 routing is a default, not a lock for them). */
const MAY_OVERRIDE_ROUTING = ['customer_service_manager', 'admin'];

/**
 * R-CB-11: an agent claims a callback before working it, and only one agent can
 * hold it. Claiming again one's own claim changes nothing (a retried request).
 * R-CB-12: after an unanswered attempt it cannot be claimed before its retry time.
 */
export function decideClaimCallback(command: ClaimCallback, state: CallbackState): CallbackClaimed[] {
  if (!state.exists) throw CallbackErrors.notFound(command.callbackId);
  assertMayDo('work', command.by, state.dealerId);
  if (!isOpen(state)) throw CallbackErrors.closed(state.status!);
  if (state.status === 'claimed') {
    if (state.claimedBy === command.by.id) return [];
    throw CallbackErrors.alreadyClaimed(state.claimedBy!);
  }
  // R-CB-12: an unanswered call is tried again only once its retry time has come (so is every attempt: it needs a claim).
  if (state.retryAt && Date.parse(command.claimedAt) < Date.parse(state.retryAt)) throw CallbackErrors.retryNotDue(state.retryAt);
  if (state.assigneeId && state.assigneeId !== command.by.id && !MAY_OVERRIDE_ROUTING.includes(command.by.role)) {
    throw CallbackErrors.assignedToOther(state.assigneeId);
  }
  return [{ type: 'CallbackClaimed', data: { callbackId: command.callbackId, agentId: command.by.id, claimedAt: command.claimedAt } }];
}
