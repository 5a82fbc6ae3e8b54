import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { memberStep, onMember } from '../member-stream.decision';
import { decideRedeemPoints } from './redeem-points.command';

export class RedeemPointsCommand {
  constructor(readonly ctx: CommandContext, readonly memberId: string, readonly input: { points: number; reward: string }) {}
}

@CommandHandler(RedeemPointsCommand)
export class RedeemPointsHandler implements ICommandHandler<RedeemPointsCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, memberId, input }: RedeemPointsCommand) {
    const step = memberStep(ctx, memberId, undefined, this.clock);
    const result = await this.runner.run(ctx, onMember(step, (state) => decideRedeemPoints({ ...step, ...input }, state)));
    return { id: memberId, revision: result.revision, points: result.state.balance };
  }
}
