import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { RequestMaterialsDto } from './request-materials.dto';

export class RequestMaterialsCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: RequestMaterialsDto) {}
}

@CommandHandler(RequestMaterialsCommand)
export class RequestMaterialsHandler implements ICommandHandler<RequestMaterialsCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: RequestMaterialsCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'RequestMaterials', ...step, kinds: input.kinds, note: input.note ?? null }));
    return claimAnswer(claimId, result);
  }
}
