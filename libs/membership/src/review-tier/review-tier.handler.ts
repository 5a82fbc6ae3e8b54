import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { memberStep, onMember } from '../member-stream.decision';
import { memberStream } from '../domain/member.stream';
import { currentLoyaltySegment } from '../loyalty-segment.reader';
import { decideReviewTier } from './review-tier.command';

export class ReviewTierCommand {
  constructor(readonly ctx: CommandContext, readonly memberId: string) {}
}

/** R-MB-1 now, by hand (admin): the segment is segmentation's latest, the spend that of the last 12 months. */
@CommandHandler(ReviewTierCommand)
export class ReviewTierHandler implements ICommandHandler<ReviewTierCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ctx, memberId }: ReviewTierCommand) {
    const step = memberStep(ctx, memberId, undefined, this.clock);
    const [first] = await this.events.readStream(memberStream(memberId), { limit: 1 });
    const customerId = (first?.data as { customerId?: string } | undefined)?.customerId;
    const loyaltySegment = customerId ? await currentLoyaltySegment(this.events, customerId) : 'regular';
    const result = await this.runner.run(ctx, onMember(step, (state) => decideReviewTier({ ...step, loyaltySegment, trigger: 'review' }, state)));
    return { id: memberId, revision: result.revision, tier: result.state.tier, changed: result.events.length > 0 };
  }
}
