import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { PersonalDataEventStore } from '@aftercare/personal-data';
import { customerStream } from '../domain/streams';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import { assertMayWriteCustomerFile } from '../domain/customer-access';
import { CustomerErrors } from '../domain/customer.errors';
import { decideErasePersonalData } from './erase-personal-data.command';

export class ErasePersonalDataCommand {
  constructor(readonly ctx: CommandContext, readonly customerId: string, readonly reason: string) {}
}

@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly personalData: PersonalDataEventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ctx, customerId, reason }: ErasePersonalDataCommand) {
    const result = await this.runner.run(ctx, {
      stream: customerStream(customerId),
      initialState: initialCustomerState,
      evolve: evolveCustomer,
      dealerId: (state) => state.dealerId,
      notFound: () => CustomerErrors.notFound(customerId),
      decide: (state) => {
        assertMayWriteCustomerFile(ctx.actor, state.dealerId);
        return decideErasePersonalData({ customerId, reason, erasedBy: ctx.actor.id, erasedByRole: ctx.actor.role }, state);
      },
    });
    // The event first, then the key: a crash in between leaves an erasure on record
    // whose key a repeated DELETE destroys (the decision is then empty, the key goes anyway).
    await this.personalData.destroyKey(customerId, this.clock.now().toISOString());
    return { id: customerId, revision: result.revision, position: result.position };
  }
}
