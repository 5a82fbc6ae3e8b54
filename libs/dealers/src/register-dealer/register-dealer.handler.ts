import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { dealerStream } from '../domain/dealer.events';
import { evolveDealer, initialDealerState } from '../domain/dealer.state';
import { DealerDirectoryService } from '../dealer-directory/dealer-directory.service';
import { decideRegisterDealer, RegisterDealer } from './register-dealer.command';

export class RegisterDealerCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly dealer: RegisterDealer,
  ) {}
}

@CommandHandler(RegisterDealerCommand)
export class RegisterDealerHandler implements ICommandHandler<RegisterDealerCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: DealerDirectoryService,
  ) {}

  async execute({ ctx, dealer }: RegisterDealerCommand): Promise<{ id: string; revision: number }> {
    const result = await this.runner.run(ctx, {
      stream: dealerStream(dealer.dealerId),
      initialState: initialDealerState,
      evolve: evolveDealer,
      // The dealer owns its own record: its staff and its region's OEM roles may read it.
      dealerId: dealer.dealerId,
      decide: (state) => decideRegisterDealer(dealer, state),
    });
    // Read your own write: scope checks in this process know the region at once,
    // without waiting for the dealers projection.
    if (result.state.registered) this.directory.remember(result.state.dealerId, result.state.region);
    return { id: dealer.dealerId, revision: result.revision };
  }
}
