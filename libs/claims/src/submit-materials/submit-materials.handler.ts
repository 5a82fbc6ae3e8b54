import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { SubmitMaterialsDto } from './submit-materials.dto';

export class SubmitMaterialsCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: SubmitMaterialsDto) {}
}

@CommandHandler(SubmitMaterialsCommand)
export class SubmitMaterialsHandler implements ICommandHandler<SubmitMaterialsCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: SubmitMaterialsCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'SubmitMaterials', ...step, documents: input.documents.map((d) => ({ kind: d.kind, ref: d.ref })) }));
    return claimAnswer(claimId, result);
  }
}
