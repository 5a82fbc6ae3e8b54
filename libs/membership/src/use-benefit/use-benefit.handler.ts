import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import type { Benefit } from '../domain/membership.config';
import { memberStep, onMember } from '../member-stream.decision';
import { decideUseBenefit } from './use-benefit.command';

export class UseBenefitCommand {
  constructor(readonly ctx: CommandContext, readonly memberId: string, readonly input: { benefit: Benefit; occurredAt?: string }) {}
}

@CommandHandler(UseBenefitCommand)
export class UseBenefitHandler implements ICommandHandler<UseBenefitCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, memberId, input }: UseBenefitCommand) {
    const step = memberStep(ctx, memberId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onMember(step, (state) => decideUseBenefit({ ...step, benefit: input.benefit }, state)));
    return { id: memberId, revision: result.revision };
  }
}
