import { Clock, SYSTEM_ACTOR, uuidv7 } from '@aftercare/kernel';
import { IntervalWorker, type CommandContext, type CommandRunner } from '@aftercare/platform';
import type { ReadModels } from '@aftercare/projections';
import { MEMBER_DETAILS, MemberDetailsDoc } from '../read-models/member-details/member-details.document';
import { onMember } from '../member-stream.decision';
import { decideExpirePoints } from './expire-points.command';

export interface PointsExpiryWorkerOptions {
  /** How often the worker looks for lots past their expiry. Default 60 s. */
  intervalMs?: number;
  /** Members handled per look at most. Default 200. */
  batchSize?: number;
  onError?: (err: unknown, memberId: string | null) => void;
}

export interface PointsExpiryTick {
  /** Members the read model showed with a lot past its expiry. */
  due: number;
  /** Of those, how many this worker recorded an expiry for. */
  expired: number;
}

export const POINTS_EXPIRY_WORKER = 'points-expiry';

/**
 * Points expiry on a timer (the pattern of libs/complaints' R-CP-3 worker): the
 * read model's `nextExpiryAt` index says which members have a lot past its
 * expiry; the member's stream decides what expires (a redemption or a twin
 * worker may have recorded it meanwhile: then nothing). Exactly once: the event
 * id derives from the member and the oldest lot to expire, so a twin's identical
 * append is answered as already stored, and any other race is a revision
 * conflict after which the CommandRunner re-reads and finds nothing to expire.
 */
export class PointsExpiryWorker extends IntervalWorker<PointsExpiryTick> {
  readonly name = POINTS_EXPIRY_WORKER;
  private readonly batchSize: number;

  constructor(
    private readonly readModels: ReadModels,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    private readonly options: PointsExpiryWorkerOptions = {},
  ) {
    super(options.intervalMs ?? 60_000, (err) => options.onError?.(err, null));
    this.batchSize = options.batchSize ?? 200;
  }

  protected async runOnce(): Promise<PointsExpiryTick> {
    const now = this.clock.now().toISOString();
    const due = await this.readModels
      .collection<MemberDetailsDoc>(MEMBER_DETAILS)
      .find({ nextExpiryAt: { $lte: now } }, { sort: { nextExpiryAt: 1 }, limit: this.batchSize });
    let expired = 0;
    for (const doc of due) {
      try {
        if (await this.expire(doc, now)) expired++;
      } catch (err) {
        this.options.onError?.(err, doc.id);
      }
    }
    return { due: due.length, expired };
  }

  private async expire(doc: MemberDetailsDoc, at: string): Promise<boolean> {
    const oldest = doc.lots.filter((lot) => lot.expiresAt <= at).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))[0];
    const ctx: CommandContext = {
      actor: { ...SYSTEM_ACTOR, dealerId: doc.dealerId },
      correlationId: uuidv7(),
      causationId: null,
      idempotencyKey: `points-expiry:${doc.id}:${oldest?.lotId ?? at}`,
      expectedRevision: null,
    };
    const result = await this.runner.run(ctx, onMember({ memberId: doc.id, at }, (state) => decideExpirePoints({ memberId: doc.id, at }, state)));
    return result.events.length > 0 && !result.replayed;
  }
}
