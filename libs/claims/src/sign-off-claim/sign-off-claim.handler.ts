import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { SignOffClaimDto } from './sign-off-claim.dto';

export class SignOffClaimCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: SignOffClaimDto) {}
}

@CommandHandler(SignOffClaimCommand)
export class SignOffClaimHandler implements ICommandHandler<SignOffClaimCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: SignOffClaimCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'SignOffClaim', ...step, decision: input.decision, comment: input.comment ?? null, seenContentHash: input.contentHash ?? null }));
    return claimAnswer(claimId, result);
  }
}
