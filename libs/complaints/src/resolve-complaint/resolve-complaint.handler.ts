import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideResolveComplaint } from './resolve-complaint.command';

export interface ResolveComplaintInput {
  summary: string;
  occurredAt?: string;
}

export class ResolveComplaintCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: ResolveComplaintInput) {}
}

@CommandHandler(ResolveComplaintCommand)
export class ResolveComplaintHandler implements ICommandHandler<ResolveComplaintCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: ResolveComplaintCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideResolveComplaint({ ...step, summary: input.summary }, state)));
    return { id: complaintId, revision: result.revision };
  }
}
