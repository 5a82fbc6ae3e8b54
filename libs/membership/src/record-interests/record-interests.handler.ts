import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { memberStep, onMember } from '../member-stream.decision';
import { decideRecordInterests } from './record-interests.command';

export class RecordInterestsCommand {
  constructor(readonly ctx: CommandContext, readonly memberId: string, readonly input: { interests: string[] }) {}
}

@CommandHandler(RecordInterestsCommand)
export class RecordInterestsHandler implements ICommandHandler<RecordInterestsCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, memberId, input }: RecordInterestsCommand) {
    const step = memberStep(ctx, memberId, undefined, this.clock);
    const result = await this.runner.run(ctx, onMember(step, (state) => decideRecordInterests({ ...step, interests: input.interests }, state)));
    return { id: memberId, revision: result.revision };
  }
}
