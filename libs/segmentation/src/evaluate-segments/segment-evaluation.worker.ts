import type { Logger } from 'pino';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ReadModels } from '@aftercare/projections';
import { IntervalWorker, LOGGER, WorkerFactory } from '@aftercare/platform';
import { SegmentEvaluation, SegmentEvaluator } from './segment-evaluator';

export interface SegmentEvaluationWorkerOptions {
  /** How often the worker looks whether a new day has begun; default 5 minutes. */
  checkEveryMs?: number;
  onDone?: (result: SegmentEvaluation) => void;
  onError?: (err: unknown) => void;
}

export const SEGMENT_EVALUATION_WORKER = 'segment-evaluation';

/**
 * The daily R-SG-1 run, on the projector host only: once per day of the clock
 * (UTC), at the first look after the day has begun; not at start, so a restart
 * does not publish mid-day (POST /segments/evaluations runs it on demand). Safe
 * with any number of twins (see SegmentEvaluator): a second run publishes
 * nothing already published.
 */
export class SegmentEvaluationWorker extends IntervalWorker<SegmentEvaluation> {
  readonly name = SEGMENT_EVALUATION_WORKER;
  private lastDay: string;

  constructor(
    private readonly evaluator: SegmentEvaluator,
    private readonly clock: Clock,
    private readonly options: SegmentEvaluationWorkerOptions = {},
  ) {
    super(options.checkEveryMs ?? 300_000);
    this.lastDay = this.today();
  }

  protected override onTimer(): Promise<unknown> {
    return this.look();
  }

  /** Runs the day's evaluation when the day has changed since the last one; null when it had not. */
  async look(): Promise<SegmentEvaluation | null> {
    const today = this.today();
    if (today === this.lastDay) return null;
    try {
      const result = await this.tick();
      this.lastDay = today;
      this.options.onDone?.(result);
      return result;
    } catch (err) {
      this.options.onError?.(err);
      return null;
    }
  }

  protected runOnce(): Promise<SegmentEvaluation> {
    return this.evaluator.evaluate();
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}

export const segmentEvaluationWorker: WorkerFactory = (get) => {
  const log = get<Logger>(LOGGER).child({ component: SEGMENT_EVALUATION_WORKER });
  const clock = get<Clock>(CLOCK);
  return new SegmentEvaluationWorker(new SegmentEvaluator(get(ReadModels), get<EventStore>(EVENT_STORE), clock), clock, {
    onDone: (result) => log.info(result, 'R-SG-1 segment evaluation done'),
    onError: (err) => log.error({ err }, 'R-SG-1 segment evaluation failed; retried at the next run'),
  });
};
