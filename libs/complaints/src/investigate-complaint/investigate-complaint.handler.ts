import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import type { ResponsibleParty, RootCause } from '../domain/complaint.events';
import { decideInvestigateComplaint } from './investigate-complaint.command';

export interface InvestigateComplaintInput {
  rootCause: RootCause;
  responsibleParty: ResponsibleParty;
  findings: string;
  occurredAt?: string;
}

export class InvestigateComplaintCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: InvestigateComplaintInput) {}
}

@CommandHandler(InvestigateComplaintCommand)
export class InvestigateComplaintHandler implements ICommandHandler<InvestigateComplaintCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: InvestigateComplaintCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideInvestigateComplaint({ ...step, rootCause: input.rootCause, responsibleParty: input.responsibleParty, findings: input.findings }, state)));
    return { id: complaintId, revision: result.revision };
  }
}
