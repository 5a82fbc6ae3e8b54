import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, SYSTEM_ACTOR, uuidv7 } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideEscalateUnsolvedComplaint } from './escalate-unsolved-complaint.command';

export class EscalateUnsolvedComplaintCommand {
  constructor(readonly complaintId: string) {}
}

/**
 * The R-CP-3 key: a complaint is escalated by the system at most once, so the key
 * (and with it the event id the CommandRunner derives from it) is fixed per complaint.
 */
export const escalationKey = (complaintId: string) => `R-CP-3:${complaintId}`;

/**
 * R-CP-3 by the deadline worker, exactly once however many workers try: the
 * event id is derived from the complaint (escalationKey), so a twin's append of
 * the same event is answered as already stored; an append racing any other
 * change conflicts on the expected revision, and the CommandRunner re-reads and
 * re-decides, finding the complaint escalated (a no-op).
 */
@CommandHandler(EscalateUnsolvedComplaintCommand)
export class EscalateUnsolvedComplaintHandler implements ICommandHandler<EscalateUnsolvedComplaintCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ complaintId }: EscalateUnsolvedComplaintCommand) {
    const ctx: CommandContext = {
      actor: SYSTEM_ACTOR,
      correlationId: uuidv7(),
      causationId: null,
      idempotencyKey: escalationKey(complaintId),
      expectedRevision: null,
    };
    const step = complaintStep(ctx, complaintId, undefined, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideEscalateUnsolvedComplaint(step, state)));
    // A twin that appended the same event first makes this append an idempotent
    // no-op that still reports success; the stored event's correlation id tells
    // whose append it was.
    let escalated = false;
    if (result.events.length > 0 && !result.replayed) {
      const [stored] = await this.events.readStream(result.stream, { from: result.revision, limit: 1 });
      escalated = stored?.metadata.correlationId === ctx.correlationId;
    }
    return { id: complaintId, revision: result.revision, escalated };
  }
}
