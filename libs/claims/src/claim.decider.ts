import type { ClaimEvent } from './domain/claim.events';
import type { ClaimState } from './domain/claim.state';
import { ClaimErrors } from './domain/claim.errors';
import type { ClaimCommand } from './claim-commands';
import { goodwillCompensationDecider } from './goodwill-compensation.decider';
import { goodwillWarrantyDecider } from './goodwill-warranty.decider';

/**
 * One stream category (`claim-<id>`), two chains: a create picks its decider by the
 * command, every later command by the claim's type.
 */
export function decideClaim(command: ClaimCommand, state: ClaimState): ClaimEvent[] {
  if (command.kind === 'ApplyGoodwillCompensation') return goodwillCompensationDecider.decide(command, state);
  if (command.kind === 'RequestGoodwillWarranty') return goodwillWarrantyDecider.decide(command, state);
  switch (state.type) {
    case 'goodwill_compensation':
      return goodwillCompensationDecider.decide(command, state);
    case 'goodwill_warranty':
      return goodwillWarrantyDecider.decide(command, state);
    default:
      throw ClaimErrors.notFound(command.claimId);
  }
}
