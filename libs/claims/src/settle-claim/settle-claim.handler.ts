import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { SettleClaimDto } from './settle-claim.dto';

export class SettleClaimCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: SettleClaimDto) {}
}

@CommandHandler(SettleClaimCommand)
export class SettleClaimHandler implements ICommandHandler<SettleClaimCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: SettleClaimCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'SettleClaim', ...step, amount: input.amount }));
    return claimAnswer(claimId, result);
  }
}
