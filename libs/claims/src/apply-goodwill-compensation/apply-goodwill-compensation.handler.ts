import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner, DEALER_DIRECTORY, DealerDirectory } from '@aftercare/platform';
import { evolveClaim, initialClaimState } from '../domain/claim.state';
import { claimStream } from '../domain/claim.stream';
import { decideClaim } from '../claim.decider';
import { claimAnswer } from '../claim-stream.decision';
import { ComplaintFactsReader } from './complaint-facts.reader';
import type { ApplyGoodwillCompensationDto } from './apply-goodwill-compensation.dto';

export class ApplyGoodwillCompensationCommand {
  constructor(readonly ctx: CommandContext, readonly input: ApplyGoodwillCompensationDto) {}
}

/**
 * Opens `claim-<id>` from the complaint's own stream and the dealer's region (the
 * region whose OEM staff will sign; a dealer's region never changes).
 */
@CommandHandler(ApplyGoodwillCompensationCommand)
export class ApplyGoodwillCompensationHandler implements ICommandHandler<ApplyGoodwillCompensationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly complaints: ComplaintFactsReader,
    @Inject(DEALER_DIRECTORY) private readonly dealers: DealerDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ctx, input }: ApplyGoodwillCompensationCommand) {
    const claimId = this.runner.newId(ctx, 'claim');
    const complaint = await this.complaints.read(input.complaintId);
    const dealerRegion = complaint ? await this.dealers.regionOf(complaint.dealerId) : null;
    const at = this.clock.now().toISOString();
    const result = await this.runner.run(ctx, {
      stream: claimStream(claimId),
      initialState: initialClaimState,
      evolve: evolveClaim,
      dealerId: complaint?.dealerId ?? null,
      mustBeNew: true,
      decide: (state) =>
        decideClaim(
          {
            kind: 'ApplyGoodwillCompensation',
            claimId,
            by: ctx.actor,
            at,
            complaintId: input.complaintId,
            complaint,
            dealerRegion,
            amount: input.amount,
            currency: input.currency,
            breakdown: input.breakdown.map((l) => ({ kind: l.kind, description: l.description, amount: l.amount })),
          },
          state,
        ),
    });
    return claimAnswer(claimId, result);
  }
}
