import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideAssignComplaint } from './assign-complaint.command';

export interface AssignComplaintInput {
  assigneeId: string;
  deadline: string;
  occurredAt?: string;
}

export class AssignComplaintCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: AssignComplaintInput) {}
}

@CommandHandler(AssignComplaintCommand)
export class AssignComplaintHandler implements ICommandHandler<AssignComplaintCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: AssignComplaintCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideAssignComplaint({ ...step, assigneeId: input.assigneeId, deadline: input.deadline }, state)));
    return { id: complaintId, revision: result.revision };
  }
}
