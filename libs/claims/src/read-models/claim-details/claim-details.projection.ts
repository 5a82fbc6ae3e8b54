import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, ProjectionContext } from '@aftercare/projections';
import { CLAIM_EVENT_TYPES } from '../../domain/claim.events';
import { CLAIM_DETAILS, ClaimDetailsDoc } from './claim-details.document';
import { evolveClaimDetails } from './claim-details.reducer';

async function apply(event: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const details = ctx.collection<ClaimDetailsDoc>(CLAIM_DETAILS);
  const claimId = (event.data as { claimId: string }).claimId;
  const creates = event.type === 'GoodwillCompensationApplied' || event.type === 'GoodwillWarrantyRequested';
  const doc = evolveClaimDetails(creates ? null : await details.findOne({ _id: claimId }), event);
  if (doc) await details.replaceOne({ _id: doc._id }, doc, { upsert: true });
}

/**
 * `claim-details`: one document per claim in API.md's claim read shape, with every
 * step of the current round and the earlier rounds. Indexes serve GET /claims by
 * dealer (scope), type and status, newest last (ids are UUID v7). Version 2: the
 * waiver's steps in steps[], `implicit` steps, `optional` awaiting steps, the
 * optional post-approval steps of goodwill compensation (README "The chains").
 */
export const claimDetailsProjection = defineProjection({
  name: 'claim-details',
  version: 2,
  collections: {
    [CLAIM_DETAILS]: [
      { fields: { dealerId: 1, _id: 1 } },
      { fields: { dealerId: 1, type: 1, status: 1, _id: 1 } },
      { fields: { type: 1, status: 1, _id: 1 } },
      { fields: { status: 1, _id: 1 } },
    ],
  },
  handlers: Object.fromEntries(CLAIM_EVENT_TYPES.map((type) => [type, apply])),
});
