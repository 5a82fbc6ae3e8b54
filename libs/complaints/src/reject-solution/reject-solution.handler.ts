import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideRejectSolution } from './reject-solution.command';

export interface RejectSolutionInput {
  solutionNo: number;
  reason: string;
  occurredAt?: string;
}

export class RejectSolutionCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: RejectSolutionInput) {}
}

@CommandHandler(RejectSolutionCommand)
export class RejectSolutionHandler implements ICommandHandler<RejectSolutionCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: RejectSolutionCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideRejectSolution({ ...step, solutionNo: input.solutionNo, reason: input.reason }, state)));
    return { id: complaintId, revision: result.revision };
  }
}
