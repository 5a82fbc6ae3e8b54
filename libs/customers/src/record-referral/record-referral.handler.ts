import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { customerStream } from '../domain/streams';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import { assertMayWriteCustomerFile } from '../domain/customer-access';
import { CustomerErrors } from '../domain/customer.errors';
import { decideRecordReferral } from './record-referral.command';

export class RecordReferralCommand {
  constructor(readonly ctx: CommandContext, readonly customerId: string, readonly referredCustomerId: string) {}
}

@CommandHandler(RecordReferralCommand)
export class RecordReferralHandler implements ICommandHandler<RecordReferralCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ ctx, customerId, referredCustomerId }: RecordReferralCommand) {
    // The referred customer must exist (a referral is a loyalty signal), and be this
    // dealer's: dealer roles never reach into another dealer's customer file.
    const referred = await this.store.readStream(customerStream(referredCustomerId));
    const referredDealer = referred[0]?.metadata.dealerId ?? null;
    const referredUs = referred.some((e) => e.type === 'ReferralRecorded' && (e.data as { referredCustomerId?: string }).referredCustomerId === customerId);
    const result = await this.runner.run(ctx, {
      stream: customerStream(customerId),
      initialState: initialCustomerState,
      evolve: evolveCustomer,
      dealerId: (state) => state.dealerId,
      notFound: () => CustomerErrors.notFound(customerId),
      decide: (state) => {
        assertMayWriteCustomerFile(ctx.actor, state.dealerId);
        if (referred.length > 0) assertMayWriteCustomerFile(ctx.actor, referredDealer);
        return decideRecordReferral({ customerId, referredCustomerId, referredExists: referred.length > 0, referredReferredUs: referredUs }, state);
      },
    });
    return { id: customerId, revision: result.revision, position: result.position };
  }
}
