import { projectionAsOf } from '@aftercare/audit';
import { MEMBER_CATEGORY } from '../../domain/member.stream';
import { MEMBER_DETAILS, MemberDetailsDoc } from './member-details.document';
import { memberDetailsProjection } from './member-details.projection';
import { toMemberView } from './member-details.view';

/** GET /audit/member/{id}/as-of: the membership as GET /members/{id} answered at that instant. */
export const memberAsOf = projectionAsOf<MemberDetailsDoc>({
  kind: 'member',
  category: MEMBER_CATEGORY,
  projection: memberDetailsProjection,
  collection: MEMBER_DETAILS,
  view: (doc) => toMemberView(doc),
});
