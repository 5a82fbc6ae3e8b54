import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner, DEALER_DIRECTORY, DealerDirectory } from '@aftercare/platform';
import { evolveClaim, initialClaimState } from '../domain/claim.state';
import { claimStream } from '../domain/claim.stream';
import { decideClaim } from '../claim.decider';
import { claimAnswer } from '../claim-stream.decision';
import { CustomerFileReader } from './customer-file.reader';
import type { RequestGoodwillWarrantyDto } from './request-goodwill-warranty.dto';

export class RequestGoodwillWarrantyCommand {
  constructor(readonly ctx: CommandContext, readonly input: RequestGoodwillWarrantyDto) {}
}

/** Opens `claim-<id>` with R-GW-1's eligibility judged on the customer file as it stands now. */
@CommandHandler(RequestGoodwillWarrantyCommand)
export class RequestGoodwillWarrantyHandler implements ICommandHandler<RequestGoodwillWarrantyCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly customerFile: CustomerFileReader,
    @Inject(DEALER_DIRECTORY) private readonly dealers: DealerDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ctx, input }: RequestGoodwillWarrantyCommand) {
    const claimId = this.runner.newId(ctx, 'claim');
    const [customer, vehicle] = await Promise.all([this.customerFile.customer(input.customerId), this.customerFile.vehicle(input.vin)]);
    const dealerRegion = customer ? await this.dealers.regionOf(customer.dealerId) : null;
    const at = this.clock.now().toISOString();
    const result = await this.runner.run(ctx, {
      stream: claimStream(claimId),
      initialState: initialClaimState,
      evolve: evolveClaim,
      dealerId: customer?.dealerId ?? null,
      mustBeNew: true,
      decide: (state) =>
        decideClaim(
          { kind: 'RequestGoodwillWarranty', claimId, by: ctx.actor, at, customerId: input.customerId, vin: input.vin, failureDescription: input.failureDescription, customer, vehicle, dealerRegion },
          state,
        ),
    });
    return claimAnswer(claimId, result);
  }
}
