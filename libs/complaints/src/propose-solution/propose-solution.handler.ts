import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideProposeSolution } from './propose-solution.command';

export interface ProposeSolutionInput {
  description: string;
  compensationAmount?: number | null;
  occurredAt?: string;
}

export class ProposeSolutionCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: ProposeSolutionInput) {}
}

@CommandHandler(ProposeSolutionCommand)
export class ProposeSolutionHandler implements ICommandHandler<ProposeSolutionCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  /** API.md: answers the new solution's number beside id and revision. */
  async execute({ ctx, complaintId, input }: ProposeSolutionCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(
      ctx,
      onComplaint(step, (state) => decideProposeSolution({ ...step, description: input.description, compensationAmount: input.compensationAmount ?? null }, state)),
    );
    // An Idempotency-Key replay answers from the stored event, so the number is the first answer's.
    const proposed = result.events.find((e) => e.type === 'SolutionProposed');
    const solutionNo = proposed ? (proposed.data as { solutionNo: number }).solutionNo : null;
    return { id: complaintId, revision: result.revision, solutionNo };
  }
}
