import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { customerStream } from '../domain/streams';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import { assertMayWriteCustomerFile } from '../domain/customer-access';
import { CustomerErrors } from '../domain/customer.errors';
import { ChangeContactDetails, decideChangeContactDetails } from './change-contact-details.command';

export class ChangeContactDetailsCommand {
  constructor(readonly ctx: CommandContext, readonly input: ChangeContactDetails) {}
}

@CommandHandler(ChangeContactDetailsCommand)
export class ChangeContactDetailsHandler implements ICommandHandler<ChangeContactDetailsCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ ctx, input }: ChangeContactDetailsCommand) {
    const result = await this.runner.run(ctx, {
      stream: customerStream(input.customerId),
      initialState: initialCustomerState,
      evolve: evolveCustomer,
      dealerId: (state) => state.dealerId,
      notFound: () => CustomerErrors.notFound(input.customerId),
      decide: (state) => {
        assertMayWriteCustomerFile(ctx.actor, state.dealerId);
        return decideChangeContactDetails(input, state);
      },
    });
    return { id: input.customerId, revision: result.revision, position: result.position };
  }
}
