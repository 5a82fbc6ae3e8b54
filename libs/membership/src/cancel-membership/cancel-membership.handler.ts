import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { memberStep, onMember } from '../member-stream.decision';
import { decideCancelMembership } from './cancel-membership.command';

export class CancelMembershipCommand {
  constructor(readonly ctx: CommandContext, readonly memberId: string, readonly input: { reason: string }) {}
}

@CommandHandler(CancelMembershipCommand)
export class CancelMembershipHandler implements ICommandHandler<CancelMembershipCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, memberId, input }: CancelMembershipCommand) {
    const step = memberStep(ctx, memberId, undefined, this.clock);
    const result = await this.runner.run(ctx, onMember(step, (state) => decideCancelMembership({ ...step, reason: input.reason }, state)));
    return { id: memberId, revision: result.revision };
  }
}
