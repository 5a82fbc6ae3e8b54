import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideSendInterimReply } from './send-interim-reply.command';

export interface SendInterimReplyInput {
  message: string;
  occurredAt?: string;
}

export class SendInterimReplyCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: SendInterimReplyInput) {}
}

@CommandHandler(SendInterimReplyCommand)
export class SendInterimReplyHandler implements ICommandHandler<SendInterimReplyCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: SendInterimReplyCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideSendInterimReply({ ...step, message: input.message }, state)));
    return { id: complaintId, revision: result.revision };
  }
}
