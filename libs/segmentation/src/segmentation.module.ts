import { Module } from '@nestjs/common';
import { EvaluateSegmentsController } from './evaluate-segments/evaluate-segments.http';
import { CustomerSegmentsController } from './read-models/customer-segments/customer-segments.http';
import { CustomerSegmentsQuery } from './read-models/customer-segments/customer-segments.query';
import { CustomerSegmentsResolver } from './read-models/customer-segments/customer-segments.resolver';

/** The segmentation context's one public module (API.md "Membership and segments"). */
@Module({
  controllers: [CustomerSegmentsController, EvaluateSegmentsController],
  providers: [CustomerSegmentsQuery, CustomerSegmentsResolver],
  exports: [CustomerSegmentsQuery],
})
export class SegmentationModule {}
