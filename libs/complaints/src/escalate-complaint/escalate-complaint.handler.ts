import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { complaintStep, onComplaint } from '../complaint-stream.decision';
import { decideEscalateComplaint } from './escalate-complaint.command';

export interface EscalateComplaintInput {
  reason: string;
  occurredAt?: string;
}

export class EscalateComplaintCommand {
  constructor(readonly ctx: CommandContext, readonly complaintId: string, readonly input: EscalateComplaintInput) {}
}

@CommandHandler(EscalateComplaintCommand)
export class EscalateComplaintHandler implements ICommandHandler<EscalateComplaintCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, complaintId, input }: EscalateComplaintCommand) {
    const step = complaintStep(ctx, complaintId, input.occurredAt, this.clock);
    const result = await this.runner.run(ctx, onComplaint(step, (state) => decideEscalateComplaint({ ...step, reason: input.reason }, state)));
    return { id: complaintId, revision: result.revision };
  }
}
