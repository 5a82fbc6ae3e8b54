import type { Clock } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { CommandRunner } from '@aftercare/platform';
import type { ReadModels } from '@aftercare/projections';
import { COMPLAINT_DETAILS, ComplaintDetailsDoc } from '../read-models/complaint-details/complaint-details.document';
import { EscalateUnsolvedComplaintCommand, EscalateUnsolvedComplaintHandler } from './escalate-unsolved-complaint.handler';

export interface EscalationWorkerOptions {
  /** How often the worker looks for complaints whose R-CP-3 deadline has passed. Default 30 s. */
  intervalMs?: number;
  /** Complaints escalated per look at most. Default 200. */
  batchSize?: number;
  onError?: (err: unknown, complaintId: string | null) => void;
}

export interface EscalationTick {
  /** Complaints the read model showed as due. */
  due: number;
  /** Of those, how many this worker escalated (the rest were already escalated, or no longer due). */
  escalated: number;
}

/**
 * R-CP-3's deadline worker: on a timer, asks the read model which complaints'
 * escalation deadline has passed (the `escalationDueAt` index), and escalates
 * each through the one write path. The stream decides, not the read model: a
 * complaint escalated meanwhile, by hand or by another worker, is a no-op, and a
 * second worker or a restart appends nothing twice (see the handler).
 */
export const ESCALATION_WORKER = 'complaint-escalation';

export class EscalateUnsolvedComplaintsWorker {
  readonly name = ESCALATION_WORKER;
  private readonly handler: EscalateUnsolvedComplaintHandler;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<EscalationTick> | null = null;

  constructor(
    private readonly readModels: ReadModels,
    runner: CommandRunner,
    events: EventStore,
    private readonly clock: Clock,
    private readonly options: EscalationWorkerOptions = {},
  ) {
    this.handler = new EscalateUnsolvedComplaintHandler(runner, events, clock);
    this.intervalMs = options.intervalMs ?? 30_000;
    this.batchSize = options.batchSize ?? 200;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick().catch((err) => this.options.onError?.(err, null)), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One look; overlapping calls share the one in progress. */
  tick(): Promise<EscalationTick> {
    if (!this.running) this.running = this.look().finally(() => (this.running = null));
    return this.running;
  }

  private async look(): Promise<EscalationTick> {
    const now = this.clock.now().toISOString();
    const due = await this.readModels
      .collection<ComplaintDetailsDoc>(COMPLAINT_DETAILS)
      .find({ escalationDueAt: { $lte: now } }, { sort: { escalationDueAt: 1 }, limit: this.batchSize });
    let escalated = 0;
    for (const doc of due) {
      try {
        const result = await this.handler.execute(new EscalateUnsolvedComplaintCommand(doc.id));
        if (result.escalated) escalated++;
      } catch (err) {
        this.options.onError?.(err, doc.id);
      }
    }
    return { due: due.length, escalated };
  }
}
