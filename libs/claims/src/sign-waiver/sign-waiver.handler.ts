import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { SignWaiverDto } from './sign-waiver.dto';

export class SignWaiverCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: SignWaiverDto) {}
}

@CommandHandler(SignWaiverCommand)
export class SignWaiverHandler implements ICommandHandler<SignWaiverCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: SignWaiverCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'SignWaiver', ...step, documentRef: input.documentRef.trim(), signedAt: new Date(input.signedAt).toISOString() }, { occurredAt: new Date(input.signedAt).toISOString() }));
    return claimAnswer(claimId, result);
  }
}
