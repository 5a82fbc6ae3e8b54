import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { memberStep, onMember } from '../member-stream.decision';
import { decideRecordActivity } from './record-activity.command';

export class RecordActivityCommand {
  constructor(readonly ctx: CommandContext, readonly memberId: string, readonly input: { activityId: string; occurredAt?: string }) {}
}

@CommandHandler(RecordActivityCommand)
export class RecordActivityHandler implements ICommandHandler<RecordActivityCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, memberId, input }: RecordActivityCommand) {
    const step = memberStep(ctx, memberId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onMember(step, (state) => decideRecordActivity({ ...step, activityId: input.activityId.trim() }, state)));
    return { id: memberId, revision: result.revision };
  }
}
