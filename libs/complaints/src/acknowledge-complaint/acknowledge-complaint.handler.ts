import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideAcknowledgeComplaint } from './acknowledge-complaint.command';

export interface AcknowledgeComplaintInput {
  message: string;
  replyBy: string;
  occurredAt?: string;
}

export class AcknowledgeComplaintCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: AcknowledgeComplaintInput) {}
}

@CommandHandler(AcknowledgeComplaintCommand)
export class AcknowledgeComplaintHandler implements ICommandHandler<AcknowledgeComplaintCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: AcknowledgeComplaintCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideAcknowledgeComplaint({ ...step, message: input.message, replyBy: input.replyBy }, state)));
    return { id: complaintId, revision: result.revision };
  }
}
