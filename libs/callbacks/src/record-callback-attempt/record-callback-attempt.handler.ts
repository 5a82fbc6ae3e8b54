import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import type { CallbackEvent, FeedbackKind } from '../domain/callback.events';
import { CallbackState, evolveCallback, initialCallbackState } from '../domain/callback.state';
import { callbackStream } from '../domain/callback.streams';
import { CallbackErrors } from '../domain/callback.errors';
import type { CsiScores } from '../domain/csi';
import { complaintKeyOf } from '../open-complaint-when-callback-finds-one/open-complaint-when-callback-finds-one.reaction';
import { decideRecordCallbackAttempt } from './record-callback-attempt.command';

export interface RecordCallbackAttemptInput {
  reached: boolean;
  satisfaction?: number;
  feedback?: FeedbackKind;
  notes?: string;
  csi?: CsiScores;
  complaint?: { subject?: string; expectedResolution?: string; severity?: 'normal' | 'major' };
  occurredAt?: string;
}

export class RecordCallbackAttemptCommand {
  constructor(readonly ctx: CommandContext, readonly callbackId: string, readonly input: RecordCallbackAttemptInput) {}
}

@CommandHandler(RecordCallbackAttemptCommand)
export class RecordCallbackAttemptHandler implements ICommandHandler<RecordCallbackAttemptCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ctx, callbackId, input }: RecordCallbackAttemptCommand) {
    const recordedAt = this.clock.now().toISOString();
    const attemptedAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : recordedAt;
    const result = await this.runner.run(ctx, {
      stream: callbackStream(callbackId),
      initialState: initialCallbackState,
      evolve: (s: CallbackState, e: CallbackEvent) => evolveCallback(s, e),
      dealerId: (s) => s.dealerId,
      occurredAt: attemptedAt <= recordedAt ? attemptedAt : undefined,
      notFound: () => CallbackErrors.notFound(callbackId),
      decide: (state) =>
        decideRecordCallbackAttempt(
          {
            callbackId, by: ctx.actor, attemptedAt, recordedAt, reached: input.reached, satisfaction: input.satisfaction ?? null,
            feedback: input.feedback ?? null, notes: input.notes ?? null, csi: input.csi ? { ...input.csi } : null, complaint: input.complaint ?? null,
          },
          state,
        ),
    });
    const complaintId = input.feedback === 'complaint' ? await this.complaintIdOf(ctx, callbackId, result.revision) : undefined;
    return { id: callbackId, revision: result.revision, status: result.state.status, ...(complaintId ? { complaintId } : {}) };
  }

  /**
   * The complaint a `complaint` feedback opens is filed by a reaction, under a key
   * derived from the attempt's event id: its id is known now, so the client can follow it.
   */
  private async complaintIdOf(ctx: CommandContext, callbackId: string, revision: number): Promise<string | undefined> {
    const recent = await this.events.readStream(callbackStream(callbackId), { direction: 'backwards', from: revision, limit: 8 });
    const attempt = recent.find((e) => e.type === 'CallbackAttemptRecorded');
    return attempt ? this.runner.newId({ ...ctx, idempotencyKey: complaintKeyOf(attempt.metadata.eventId) }, 'complaint') : undefined;
  }
}
