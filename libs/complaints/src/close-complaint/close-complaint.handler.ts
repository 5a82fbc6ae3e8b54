import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideCloseComplaint } from './close-complaint.command';

export interface CloseComplaintInput {
  occurredAt?: string;
}

export class CloseComplaintCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: CloseComplaintInput) {}
}

@CommandHandler(CloseComplaintCommand)
export class CloseComplaintHandler implements ICommandHandler<CloseComplaintCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: CloseComplaintCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideCloseComplaint(step, state)));
    return { id: complaintId, revision: result.revision };
  }
}
