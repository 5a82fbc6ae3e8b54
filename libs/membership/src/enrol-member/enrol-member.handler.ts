import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ReadModels } from '@aftercare/projections';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { memberIdFor } from '../domain/member.stream';
import { onMember } from '../member-stream.decision';
import { currentLoyaltySegment } from '../loyalty-segment.reader';
import { customerDealerOf, paidVisitsOf } from './customer-history.reader';
import { decideEnrolMember } from './enrol-member.command';

export class EnrolMemberCommand {
  constructor(readonly ctx: CommandContext, readonly customerId: string) {}
}

/** POST /members: one membership per customer, on `member-<memberIdFor(customerId)>`. */
@CommandHandler(EnrolMemberCommand)
export class EnrolMemberHandler implements ICommandHandler<EnrolMemberCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ctx, customerId }: EnrolMemberCommand) {
    const memberId = memberIdFor(customerId);
    const at = this.clock.now().toISOString();
    const customerDealerId = await customerDealerOf(this.events, customerId);
    const [paidVisits, loyaltySegment] = customerDealerId
      ? await Promise.all([paidVisitsOf(this.events, this.readModels, customerId), currentLoyaltySegment(this.events, customerId)])
      : [[], 'regular' as const];
    const result = await this.runner.run(
      ctx,
      onMember(
        { memberId, at },
        (state) => decideEnrolMember({ memberId, customerId, by: ctx.actor, at, customerDealerId, paidVisits, loyaltySegment }, state),
        { mustExist: false, dealerId: customerDealerId ?? undefined },
      ),
    );
    return { id: memberId, cardNo: result.state.cardNo, revision: result.revision };
  }
}
