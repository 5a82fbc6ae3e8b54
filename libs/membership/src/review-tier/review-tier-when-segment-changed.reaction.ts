import { DomainError, RecordedEvent, SYSTEM_ACTOR } from '@aftercare/kernel';
import type { CommandContext, CommandRunner } from '@aftercare/platform';
import { defineReaction, ReactionDefinition } from '@aftercare/projections';
import { MEMBERSHIP_CONFIG, MembershipConfig } from '../domain/membership.config';
import { memberIdFor } from '../domain/member.stream';
import type { MemberTierChanged } from '../domain/member.events';
import { onMember } from '../member-stream.decision';
import { asLoyaltySegment, CustomerSegmentChangedData } from '../loyalty-segment.reader';
import { tierChange } from './review-tier.command';

export const REVIEW_TIER_REACTION = 'review-tier-when-segment-changed';

/**
 * R-MB-1 on segmentation's CustomerSegmentChanged (R-SG-1): the member's tier
 * judged with the new primary segment and the 12-month spend as of the change's
 * recording. An event only when the tier changes. Idempotent: the event id
 * derives from the segment event's id. Not a member, or cancelled: nothing.
 */
export function reviewTierWhenSegmentChanged(deps: { runner: CommandRunner; config?: MembershipConfig }): ReactionDefinition {
  const config = deps.config ?? MEMBERSHIP_CONFIG;
  return defineReaction({
    name: REVIEW_TIER_REACTION,
    handlers: {
      CustomerSegmentChanged: async (event: RecordedEvent) => {
        const change = event.data as unknown as CustomerSegmentChangedData;
        if (!change.customerId) return;
        const memberId = memberIdFor(change.customerId);
        const ctx: CommandContext = {
          actor: { ...SYSTEM_ACTOR, dealerId: change.dealerId ?? event.metadata.dealerId },
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.eventId,
          idempotencyKey: `membership-segment:${event.metadata.eventId}`,
          expectedRevision: null,
        };
        const at = event.metadata.recordedAt;
        const decide = (state: Parameters<typeof tierChange>[0]): MemberTierChanged[] =>
          state.status === 'active' ? tierChange(state, state.paidVisits, { loyaltySegment: asLoyaltySegment(change.to), trigger: 'segment', at }, config) : [];
        try {
          await deps.runner.run(ctx, onMember({ memberId, at }, decide, { mustExist: false }));
        } catch (err) {
          if (err instanceof DomainError && err.kind === 'conflict') return;
          throw err;
        }
      },
    },
  });
}
