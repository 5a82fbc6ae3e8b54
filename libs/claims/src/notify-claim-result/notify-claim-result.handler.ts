import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { NotifyClaimResultDto } from './notify-claim-result.dto';

export class NotifyClaimResultCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: NotifyClaimResultDto) {}
}

@CommandHandler(NotifyClaimResultCommand)
export class NotifyClaimResultHandler implements ICommandHandler<NotifyClaimResultCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: NotifyClaimResultCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'NotifyClaimResult', ...step, comment: input.comment ?? null }));
    return claimAnswer(claimId, result);
  }
}
