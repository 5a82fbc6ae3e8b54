import { Clock, NewEvent, SYSTEM_ACTOR, uuidv7 } from '@aftercare/kernel';
import { EventStore, WrongExpectedRevisionError } from '@aftercare/event-store';
import type { ReadModels } from '@aftercare/projections';
import type { Filter } from '@aftercare/read-store';
import { decideSegmentChange, PublishedSegment, segmentChangeEventId, segmentDiffers } from '../domain/segment-change.decision';
import { changeAt } from '../domain/segment-timeline';
import { CustomerSegmentChanged, SEGMENT_EVENT_SCHEMA_VERSION, segmentStream } from '../domain/segment.events';
import { CUSTOMER_SEGMENTS, CustomerSegmentsDoc, SEGMENT_FACTS, SegmentFactsDoc } from '../read-models/customer-segments/customer-segments.document';

const PUBLISH_CONCURRENCY = 32;

export interface SegmentEvaluation {
  asOf: string;
  /** Customers whose segment was evaluated. */
  evaluated: number;
  /** CustomerSegmentChanged appended by this run. */
  changed: number;
  /** Changes another evaluator published first (nothing appended twice). */
  alreadyPublished: number;
  /** Streams that moved under this run; picked up by the next one. */
  conflicts: number;
  ms: number;
}

export interface SegmentEvaluationOptions {
  dealerId?: string;
  /** Customers read per page. Default 1 000. */
  pageSize?: number;
  onProgress?: (evaluated: number) => void;
}

/**
 * R-SG-1: compares, per customer, the segment in force now (from the timeline the
 * customer-segments read model derived, R-SG-2) with the last one published on
 * the customer's `segment-<id>` stream, and appends CustomerSegmentChanged where
 * they differ. The read model only nominates: the stream's last event decides
 * what was published, the append expects that revision, and the event id is a
 * function of the change, so two evaluators (the daily one and an on-demand run)
 * or a re-run never publish a change twice.
 */
export class SegmentEvaluator {
  constructor(
    private readonly readModels: ReadModels,
    private readonly events: EventStore,
    private readonly clock: Clock,
  ) {}

  async evaluate(options: SegmentEvaluationOptions = {}): Promise<SegmentEvaluation> {
    const started = Date.now();
    const asOf = this.clock.now().toISOString();
    const collection = this.readModels.collection<CustomerSegmentsDoc>(CUSTOMER_SEGMENTS);
    const filter: Filter = options.dealerId ? { dealerId: options.dealerId } : {};
    const correlationId = uuidv7();
    const result: SegmentEvaluation = { asOf, evaluated: 0, changed: 0, alreadyPublished: 0, conflicts: 0, ms: 0 };
    let cursor: string | null = null;
    do {
      const page = await collection.findPage(filter, { sort: { _id: 1 }, limit: options.pageSize ?? 1000, cursor });
      const changed: CustomerSegmentsDoc[] = [];
      for (const doc of page.items) {
        result.evaluated++;
        if (segmentDiffers(changeAt(doc.points, asOf), doc.published)) changed.push(doc);
      }
      // Different streams: appends in flight together share the store's commits (group commit).
      for (let i = 0; i < changed.length; i += PUBLISH_CONCURRENCY) {
        await Promise.all(changed.slice(i, i + PUBLISH_CONCURRENCY).map((doc) => this.publish(doc, asOf, correlationId, result)));
      }
      options.onProgress?.(result.evaluated);
      cursor = page.nextCursor;
    } while (cursor);
    result.ms = Date.now() - started;
    return result;
  }

  private async publish(doc: CustomerSegmentsDoc, asOf: string, correlationId: string, result: SegmentEvaluation): Promise<void> {
    const stream = segmentStream(doc.customerId);
    const [last] = await this.events.readStream(stream, { direction: 'backwards', limit: 1 });
    const published: PublishedSegment | null = last
      ? { ...(last.data as unknown as Pick<PublishedSegment, 'to' | 'segments' | 'since'>), revision: last.revision }
      : null;
    const factsDoc = await this.readModels.collection<SegmentFactsDoc>(SEGMENT_FACTS).findOne({ _id: doc._id });
    const change = decideSegmentChange(doc, changeAt(factsDoc?.changes ?? [], asOf), published, doc.ruleSetVersion);
    if (!change) {
      result.alreadyPublished++;
      return;
    }
    const event: NewEvent = {
      type: change.type,
      data: change.data as unknown as CustomerSegmentChanged['data'] & Record<string, unknown>,
      metadata: {
        eventId: segmentChangeEventId(change, published?.revision ?? null),
        schemaVersion: SEGMENT_EVENT_SCHEMA_VERSION,
        occurredAt: change.data.since,
        recordedAt: asOf,
        actor: SYSTEM_ACTOR,
        dealerId: doc.dealerId,
        correlationId,
        causationId: null,
      },
    };
    try {
      await this.events.append(stream, [event], { expectedRevision: published ? published.revision : 'no_stream' });
      result.changed++;
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError)) throw err;
      result.conflicts++;
    }
  }
}
