import type { Clock } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import { IntervalWorker, type CommandRunner } from '@aftercare/platform';
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

export class EscalateUnsolvedComplaintsWorker extends IntervalWorker<EscalationTick> {
  readonly name = ESCALATION_WORKER;
  private readonly handler: EscalateUnsolvedComplaintHandler;
  private readonly batchSize: number;

  constructor(
    private readonly readModels: ReadModels,
    runner: CommandRunner,
    events: EventStore,
    private readonly clock: Clock,
    private readonly options: EscalationWorkerOptions = {},
  ) {
    super(options.intervalMs ?? 30_000, (err) => options.onError?.(err, null));
    this.handler = new EscalateUnsolvedComplaintHandler(runner, events, clock);
    this.batchSize = options.batchSize ?? 200;
  }

  protected async runOnce(): Promise<EscalationTick> {
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
