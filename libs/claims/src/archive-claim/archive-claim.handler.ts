import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { ArchiveClaimDto } from './archive-claim.dto';

export class ArchiveClaimCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: ArchiveClaimDto) {}
}

@CommandHandler(ArchiveClaimCommand)
export class ArchiveClaimHandler implements ICommandHandler<ArchiveClaimCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: ArchiveClaimCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'ArchiveClaim', ...step, comment: input.comment ?? null }));
    return claimAnswer(claimId, result);
  }
}
