import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, ProjectionContext } from '@aftercare/projections';
import { MEMBER_EVENT_TYPES } from '../../domain/member.events';
import { MEMBER_DETAILS, MemberDetailsDoc } from './member-details.document';
import { evolveMemberDetails } from './member-details.reducer';

async function apply(event: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const members = ctx.collection<MemberDetailsDoc>(MEMBER_DETAILS);
  const memberId = (event.data as { memberId: string }).memberId;
  const before = await members.findOne({ _id: memberId });
  const doc = evolveMemberDetails(before, event);
  if (doc && doc !== before) await members.replaceOne({ _id: doc._id }, doc, { upsert: true });
}

/**
 * `member-details`: one document per membership. Indexes serve GET /members by
 * customer and dealer (scope), and the expiry worker's `nextExpiryAt ≤ now`.
 */
export const memberDetailsProjection = defineProjection({
  name: 'member-details',
  version: 1,
  collections: {
    [MEMBER_DETAILS]: [
      { fields: { customerId: 1, _id: 1 } },
      { fields: { dealerId: 1, _id: 1 } },
      { fields: { dealerId: 1, customerId: 1, _id: 1 } },
      { fields: { nextExpiryAt: 1 } },
    ],
  },
  handlers: Object.fromEntries(MEMBER_EVENT_TYPES.map((type) => [type, apply])),
});
