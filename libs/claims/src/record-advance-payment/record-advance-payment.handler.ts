import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { RecordAdvancePaymentDto } from './record-advance-payment.dto';

export class RecordAdvancePaymentCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: RecordAdvancePaymentDto) {}
}

@CommandHandler(RecordAdvancePaymentCommand)
export class RecordAdvancePaymentHandler implements ICommandHandler<RecordAdvancePaymentCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: RecordAdvancePaymentCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const paidAt = input.paidAt ? new Date(input.paidAt).toISOString() : null;
    const result = await this.runner.run(ctx, onClaim({ kind: 'RecordAdvancePayment', ...step, amount: input.amount, paidAt }, { occurredAt: paidAt ?? step.at }));
    return claimAnswer(claimId, result);
  }
}
