import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { AssessFailureDto } from './assess-failure.dto';

export class AssessFailureCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: AssessFailureDto) {}
}

@CommandHandler(AssessFailureCommand)
export class AssessFailureHandler implements ICommandHandler<AssessFailureCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: AssessFailureCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'AssessFailure', ...step, qualityIssue: input.qualityIssue, naturalDisaster: input.naturalDisaster, findings: input.findings }));
    return claimAnswer(claimId, result);
  }
}
