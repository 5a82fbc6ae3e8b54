import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import type { CallbackEvent } from '../domain/callback.events';
import { CallbackState, evolveCallback, initialCallbackState } from '../domain/callback.state';
import { callbackStream } from '../domain/callback.streams';
import { CallbackErrors } from '../domain/callback.errors';
import { decideClaimCallback } from './claim-callback.command';

export class ClaimCallbackCommand {
  constructor(readonly ctx: CommandContext, readonly callbackId: string) {}
}

/**
 * Two agents claiming at once: both read the callback unclaimed, one append wins,
 * the other's fails on the stale revision, is re-read and re-decided by the
 * CommandRunner, and is refused with CALLBACK.ALREADY_CLAIMED (409).
 */
@CommandHandler(ClaimCallbackCommand)
export class ClaimCallbackHandler implements ICommandHandler<ClaimCallbackCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, callbackId }: ClaimCallbackCommand) {
    const claimedAt = this.clock.now().toISOString();
    const result = await this.runner.run(ctx, {
      stream: callbackStream(callbackId),
      initialState: initialCallbackState,
      evolve: (s: CallbackState, e: CallbackEvent) => evolveCallback(s, e),
      dealerId: (s) => s.dealerId,
      notFound: () => CallbackErrors.notFound(callbackId),
      decide: (state) => decideClaimCallback({ callbackId, by: ctx.actor, claimedAt }, state),
    });
    return { id: callbackId, revision: result.revision };
  }
}
