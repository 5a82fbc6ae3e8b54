import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideReopenComplaint } from './reopen-complaint.command';

export interface ReopenComplaintInput {
  reason: string;
  occurredAt?: string;
}

export class ReopenComplaintCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: ReopenComplaintInput) {}
}

@CommandHandler(ReopenComplaintCommand)
export class ReopenComplaintHandler implements ICommandHandler<ReopenComplaintCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: ReopenComplaintCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideReopenComplaint({ ...step, reason: input.reason }, state)));
    return { id: complaintId, revision: result.revision };
  }
}
