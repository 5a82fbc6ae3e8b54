import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, ProjectionContext } from '@aftercare/projections';
import { ERASED } from '@aftercare/personal-data';
import { applySourceEvent, customerOf, newCustomerFacts, SOURCE_EVENT_TYPES } from '../../domain/customer-facts';
import { SEGMENT_RULE_SET, SegmentRuleSet } from '../../domain/segment-rule-set';
import { segmentTimeline } from '../../domain/segment-timeline';
import type { CustomerSegmentChanged } from '../../domain/segment.events';
import {
  CUSTOMER_SEGMENTS,
  CustomerSegmentsDoc,
  OPEN_END,
  SEGMENT_FACTS,
  SEGMENT_INTERVALS,
  SegmentFactsDoc,
  SegmentIntervalDoc,
} from './customer-segments.document';

/**
 * Re-derives a customer's timeline from its facts (from `since` on when given)
 * and stores the change points, the lean evaluator document and the membership
 * intervals, writing only the intervals that changed.
 */
export async function storeTimeline(
  ctx: ProjectionContext,
  doc: CustomerSegmentsDoc,
  factsDoc: SegmentFactsDoc,
  rules: SegmentRuleSet,
  since?: string,
): Promise<void> {
  const facts = factsDoc.facts;
  const timeline = segmentTimeline(facts, rules, since === undefined ? undefined : { changes: factsDoc.changes, since });
  factsDoc.changes = timeline.changes;
  const intervals: SegmentIntervalDoc[] = timeline.intervals.map((i) => ({
    _id: `${facts.customerId}|${i.segment}|${i.from}`,
    customerId: facts.customerId,
    dealerId: facts.dealerId,
    name: factsDoc.name,
    segment: i.segment,
    from: i.from,
    to: i.to ?? OPEN_END,
    reasons: i.reasons,
  }));
  await storeIntervals(ctx, factsDoc, intervals);
  await ctx.collection<SegmentFactsDoc>(SEGMENT_FACTS).replaceOne({ _id: factsDoc._id }, factsDoc, { upsert: true });
  doc.points = timeline.changes.map((c) => ({ at: c.at, primary: c.primary, segments: c.segments }));
  doc.ruleSetVersion = rules.version;
  await ctx.collection<CustomerSegmentsDoc>(CUSTOMER_SEGMENTS).replaceOne({ _id: doc._id }, doc, { upsert: true });
}

async function storeIntervals(ctx: ProjectionContext, doc: SegmentFactsDoc, intervals: SegmentIntervalDoc[]): Promise<void> {
  const collection = ctx.collection<SegmentIntervalDoc>(SEGMENT_INTERVALS);
  const keep = new Set(intervals.map((i) => i._id));
  const gone = doc.intervalIds.filter((id) => !keep.has(id));
  if (gone.length) await collection.deleteMany({ _id: { $in: gone } });
  for (const interval of intervals) await collection.replaceOne({ _id: interval._id }, interval, { upsert: true });
  doc.intervalIds = intervals.map((i) => i._id);
}

async function onSourceEvent(event: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const customerId = customerOf(event);
  if (!customerId) return;
  const factsDoc = await ctx.collection<SegmentFactsDoc>(SEGMENT_FACTS).findOne({ _id: customerId });
  if (!factsDoc) return;
  const since = applySourceEvent(factsDoc.facts, event);
  if (since === null) return;
  const doc = await ctx.collection<CustomerSegmentsDoc>(CUSTOMER_SEGMENTS).findOne({ _id: customerId });
  if (doc) await storeTimeline(ctx, doc, factsDoc, SEGMENT_RULE_SET, since);
}

/**
 * CustomerSegments (R-SG-1, R-SG-2): per customer the facts, the segment
 * timeline derived from them, and the membership intervals the segment pages
 * read. Its version is the rule set's: new rules rebuild it from the log beside
 * the old build, which serves until the new one has caught up.
 */
export const customerSegmentsProjection = defineProjection({
  name: 'customer-segments',
  version: SEGMENT_RULE_SET.version,
  collections: {
    [CUSTOMER_SEGMENTS]: [],
    [SEGMENT_FACTS]: [],
    [SEGMENT_INTERVALS]: [
      { name: 'segment_from', fields: { segment: 1, from: -1 } },
      { name: 'dealer_segment_from', fields: { dealerId: 1, segment: 1, from: -1 } },
    ],
  },
  handlers: {
    CustomerRegistered: async (event, ctx) => {
      const d = event.data as { customerId: string; dealerId: string; name: string };
      const factsDoc: SegmentFactsDoc = {
        _id: d.customerId, facts: newCustomerFacts(d.customerId, d.dealerId, event.metadata.occurredAt), changes: [], name: d.name, intervalIds: [],
      };
      const doc: CustomerSegmentsDoc = {
        _id: d.customerId, customerId: d.customerId, dealerId: d.dealerId, ruleSetVersion: SEGMENT_RULE_SET.version, points: [], published: null,
      };
      await storeTimeline(ctx, doc, factsDoc, SEGMENT_RULE_SET);
    },
    ...Object.fromEntries(SOURCE_EVENT_TYPES.map((type) => [type, onSourceEvent])),
    CustomerSegmentChanged: async (event, ctx) => {
      const d = (event as unknown as RecordedEvent & CustomerSegmentChanged).data;
      await ctx
        .collection<CustomerSegmentsDoc>(CUSTOMER_SEGMENTS)
        .updateOne({ _id: d.customerId }, { $set: { published: { to: d.to, segments: d.segments, since: d.since, revision: event.revision } } });
    },
    // The name on the segment pages goes with the customer file's personal data.
    PersonalDataErased: async (event, ctx) => {
      const customerId = customerOf(event);
      if (!customerId) return;
      const doc = await ctx.collection<SegmentFactsDoc>(SEGMENT_FACTS).findOne({ _id: customerId });
      if (!doc) return;
      doc.name = ERASED;
      await ctx.collection<SegmentFactsDoc>(SEGMENT_FACTS).replaceOne({ _id: customerId }, doc);
      for (const id of doc.intervalIds) await ctx.collection<SegmentIntervalDoc>(SEGMENT_INTERVALS).updateOne({ _id: id }, { $set: { name: ERASED } });
    },
  },
});
