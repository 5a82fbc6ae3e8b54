import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideAcceptSolution } from './accept-solution.command';

export interface AcceptSolutionInput {
  solutionNo: number;
  occurredAt?: string;
}

export class AcceptSolutionCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: AcceptSolutionInput) {}
}

@CommandHandler(AcceptSolutionCommand)
export class AcceptSolutionHandler implements ICommandHandler<AcceptSolutionCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: AcceptSolutionCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideAcceptSolution({ ...step, solutionNo: input.solutionNo }, state)));
    return { id: complaintId, revision: result.revision };
  }
}
