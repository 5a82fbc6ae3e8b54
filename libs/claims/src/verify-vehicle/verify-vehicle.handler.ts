import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { claimAnswer, claimStepOf, onClaim } from '../claim-stream.decision';
import type { VerifyVehicleDto } from './verify-vehicle.dto';

export class VerifyVehicleCommand {
  constructor(readonly ctx: CommandContext, readonly claimId: string, readonly input: VerifyVehicleDto) {}
}

@CommandHandler(VerifyVehicleCommand)
export class VerifyVehicleHandler implements ICommandHandler<VerifyVehicleCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, claimId, input }: VerifyVehicleCommand) {
    const step = claimStepOf(ctx, claimId, this.clock);
    const result = await this.runner.run(ctx, onClaim({ kind: 'VerifyVehicle', ...step, findings: input.findings }));
    return claimAnswer(claimId, result);
  }
}
