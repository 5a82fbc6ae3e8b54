import { defineContext } from '@aftercare/platform';
import { SegmentationModule } from './segmentation.module';
import { customerSegmentsProjection } from './read-models/customer-segments/customer-segments.projection';
import { SEGMENTATION_TYPE_DEFS } from './read-models/customer-segments/customer-segments.resolver';
import { segmentEvaluationWorker } from './evaluate-segments/segment-evaluation.worker';

/** DOMAIN.md "Segmentation": loyal / churned / VIP from the customer's history (R-SG-2), changes published (R-SG-1). */
export const segmentationContext = defineContext({
  name: 'segmentation',
  module: SegmentationModule,
  projections: [customerSegmentsProjection],
  workers: [segmentEvaluationWorker],
  typeDefs: SEGMENTATION_TYPE_DEFS,
});
