import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { customerStream } from '@aftercare/customers';
import { CareEventAnnounced, CareEventKind, evolveCareEvent, initialCareEventState } from '../domain/care-event.events';
import { careEventStream } from '../domain/callback.streams';
import { decideAnnounceCareEvent } from './announce-care-event.command';

export interface AnnounceCareEventInput {
  kind: CareEventKind;
  title: string;
  startsAt: string;
  customerIds: string[];
}

export class AnnounceCareEventCommand {
  constructor(readonly ctx: CommandContext, readonly dealerId: string, readonly input: AnnounceCareEventInput) {}
}

/** R-CB-10: the targeted customers' dealer is read from the first event of their streams. */
@CommandHandler(AnnounceCareEventCommand)
export class AnnounceCareEventHandler implements ICommandHandler<AnnounceCareEventCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ctx, dealerId, input }: AnnounceCareEventCommand) {
    const careEventId = this.runner.newId(ctx, 'careevent');
    const announcedAt = this.clock.now().toISOString();
    const dealerOfCustomer: Record<string, string | null> = {};
    await Promise.all(
      [...new Set(input.customerIds)].map(async (id) => {
        const [first] = await this.events.readStream(customerStream(id), { limit: 1 });
        dealerOfCustomer[id] = first?.type === 'CustomerRegistered' ? String((first.data as { dealerId: string }).dealerId) : null;
      }),
    );
    const result = await this.runner.run(ctx, {
      stream: careEventStream(careEventId),
      initialState: initialCareEventState,
      evolve: (s, e: CareEventAnnounced) => evolveCareEvent(s, e),
      dealerId,
      mustBeNew: true,
      decide: (state) => decideAnnounceCareEvent({ careEventId, dealerId, ...input, by: ctx.actor, announcedAt, dealerOfCustomer }, state),
    });
    return { id: careEventId, revision: result.revision };
  }
}
