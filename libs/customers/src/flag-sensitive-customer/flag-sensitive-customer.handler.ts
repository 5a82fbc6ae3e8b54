import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { customerStream } from '../domain/streams';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import { assertMayWriteCustomerFile } from '../domain/customer-access';
import { CustomerErrors } from '../domain/customer.errors';
import type { SensitiveKind } from '../domain/customer.events';
import { decideFlagSensitiveCustomer } from './flag-sensitive-customer.command';

export class FlagSensitiveCustomerCommand {
  constructor(readonly ctx: CommandContext, readonly customerId: string, readonly kind: SensitiveKind, readonly reason: string) {}
}

@CommandHandler(FlagSensitiveCustomerCommand)
export class FlagSensitiveCustomerHandler implements ICommandHandler<FlagSensitiveCustomerCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ ctx, customerId, kind, reason }: FlagSensitiveCustomerCommand) {
    const result = await this.runner.run(ctx, {
      stream: customerStream(customerId),
      initialState: initialCustomerState,
      evolve: evolveCustomer,
      dealerId: (state) => state.dealerId,
      notFound: () => CustomerErrors.notFound(customerId),
      decide: (state) => {
        assertMayWriteCustomerFile(ctx.actor, state.dealerId);
        return decideFlagSensitiveCustomer({ customerId, kind, reason, flaggedBy: ctx.actor.id, flaggedByRole: ctx.actor.role }, state);
      },
    });
    return { id: customerId, revision: result.revision, position: result.position };
  }
}
