import { projectionAsOf } from '@aftercare/audit';
import { COMPLAINT_CATEGORY } from '../../domain/complaint.stream';
import { COMPLAINT_DETAILS, ComplaintDetailsDoc } from './complaint-details.document';
import { complaintDetailsProjection } from './complaint-details.projection';
import { toComplaintView } from './complaint-details.view';

/** GET /audit/complaint/{id}/as-of: the complaint as GET /complaints/{id} answered at that instant, deadlines judged then. */
export const complaintAsOf = projectionAsOf<ComplaintDetailsDoc>({
  kind: 'complaint',
  category: COMPLAINT_CATEGORY,
  projection: complaintDetailsProjection,
  collection: COMPLAINT_DETAILS,
  view: (doc, at) => toComplaintView(doc, at),
});
