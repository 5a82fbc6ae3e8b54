import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { ReviseClaimDto } from './revise-claim.dto';

export class ReviseClaimCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: ReviseClaimDto) {}
}

@CommandHandler(ReviseClaimCommand)
export class ReviseClaimHandler implements ICommandHandler<ReviseClaimCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: ReviseClaimCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'ReviseClaim', ...step, amount: input.amount, currency: input.currency ?? null, breakdown: input.breakdown ? input.breakdown.map((l) => ({ kind: l.kind, description: l.description, amount: l.amount })) : null, comment: input.comment ?? null }));
    return claimAnswer(claimId, result);
  }
}
