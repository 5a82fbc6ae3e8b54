import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@aftercare/kernel';
import { CommandContext, CommandRunner, DEALER_DIRECTORY, DealerDirectory } from '@aftercare/platform';
import { customerStream } from '../domain/streams';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import { assertMayWriteCustomerFile } from '../domain/customer-access';
import type { PersonalDetails } from '../domain/customer.events';
import { decideRegisterCustomer } from './register-customer.command';

export class RegisterCustomerCommand {
  constructor(readonly ctx: CommandContext, readonly dealerId: string, readonly details: PersonalDetails) {}
}

@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomerCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(DEALER_DIRECTORY) private readonly dealers: DealerDirectory,
  ) {}

  async execute({ ctx, dealerId, details }: RegisterCustomerCommand) {
    assertMayWriteCustomerFile(ctx.actor, dealerId);
    // Every customer belongs to a registered dealer: scope checks of OEM roles and
    // reports by region rely on it.
    if ((await this.dealers.regionOf(dealerId)) === null) {
      throw DomainError.unprocessable('DEALER.NOT_FOUND', `dealer ${dealerId} is not registered`);
    }
    const customerId = this.runner.newId(ctx, 'customer');
    const result = await this.runner.run(ctx, {
      stream: customerStream(customerId),
      initialState: initialCustomerState,
      evolve: evolveCustomer,
      dealerId,
      mustBeNew: true,
      decide: (state) => decideRegisterCustomer({ customerId, dealerId, details }, state),
    });
    return { id: customerId, revision: result.revision, position: result.position };
  }
}
