import { DomainError, RecordedEvent, SYSTEM_ACTOR } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { CommandContext, CommandRunner } from '@aftercare/platform';
import { defineReaction, ReactionDefinition } from '@aftercare/projections';
import { isCustomerPaid, type VisitRecorded } from '@aftercare/customers';
import { MEMBERSHIP_CONFIG, MembershipConfig } from '../domain/membership.config';
import { memberIdFor, memberStream } from '../domain/member.stream';
import { onMember } from '../member-stream.decision';
import { currentLoyaltySegment } from '../loyalty-segment.reader';
import { decideEarnPoints } from './earn-points.command';

export const EARN_POINTS_REACTION = 'earn-points-when-visit-recorded';

/**
 * Points and spend from the customer file's VisitRecorded (customer-paid only,
 * `customerPaid` as @aftercare/customers' isCustomerPaid decided it), then R-MB-1
 * on the new spend, in one append on `member-<memberIdFor(customerId)>`.
 * Idempotent: the event ids derive from the visit event's id (the CommandRunner's
 * idempotency key), and a visit already counted is a no-op, so at-least-once
 * delivery and a replay from the beginning append nothing twice. A customer who
 * is not (or no longer) a member: nothing.
 */
export function earnPointsWhenVisitRecorded(deps: { eventStore: EventStore; runner: CommandRunner; config?: MembershipConfig }): ReactionDefinition {
  const config = deps.config ?? MEMBERSHIP_CONFIG;
  return defineReaction({
    name: EARN_POINTS_REACTION,
    handlers: {
      VisitRecorded: async (event: RecordedEvent) => {
        const visit = event.data as unknown as VisitRecorded['data'];
        // The customer file decided who paid when it recorded the visit; the type's payer is the fallback.
        const customerPaid = typeof visit.customerPaid === 'boolean' ? visit.customerPaid : isCustomerPaid(visit.type);
        if (!customerPaid || !(visit.amount > 0)) return;
        const memberId = memberIdFor(visit.customerId);
        const [enrolled] = await deps.eventStore.readStream(memberStream(memberId), { limit: 1 });
        if (!enrolled) return;
        const loyaltySegment = await currentLoyaltySegment(deps.eventStore, visit.customerId);
        const ctx: CommandContext = {
          actor: { ...SYSTEM_ACTOR, dealerId: visit.dealerId },
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.eventId,
          idempotencyKey: `membership-visit:${event.metadata.eventId}`,
          expectedRevision: null,
        };
        const command = {
          memberId,
          visit: { visitId: visit.visitId, vin: visit.vin, amount: visit.amount, visitedAt: visit.occurredAt, customerPaid },
          reviewAt: event.metadata.recordedAt,
          loyaltySegment,
        };
        try {
          await deps.runner.run(ctx, onMember({ memberId, at: visit.occurredAt }, (state) => decideEarnPoints(command, state, config), { mustExist: false }));
        } catch (err) {
          if (err instanceof DomainError && err.kind === 'conflict') return;
          throw err;
        }
      },
    },
  });
}
