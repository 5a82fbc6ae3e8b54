import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { ConfirmWaiverDto } from './confirm-waiver.dto';

export class ConfirmWaiverCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: ConfirmWaiverDto) {}
}

@CommandHandler(ConfirmWaiverCommand)
export class ConfirmWaiverHandler implements ICommandHandler<ConfirmWaiverCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: ConfirmWaiverCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'ConfirmWaiver', ...step, comment: input.comment ?? null }));
    return claimAnswer(claimId, result);
  }
}
