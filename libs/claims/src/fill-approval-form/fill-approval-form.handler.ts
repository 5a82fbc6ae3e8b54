import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { FillApprovalFormDto } from './fill-approval-form.dto';

export class FillApprovalFormCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: FillApprovalFormDto) {}
}

@CommandHandler(FillApprovalFormCommand)
export class FillApprovalFormHandler implements ICommandHandler<FillApprovalFormCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: FillApprovalFormCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'FillApprovalForm', ...step, amount: input.amount, currency: input.currency ?? null }));
    return claimAnswer(claimId, result);
  }
}
