import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DomainError } from '@aftercare/kernel';
import { Caller, CommandContext, CommandCtx, Created, Principal, ScopeService } from '@aftercare/platform';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import type { CareEventAnnounced } from '../domain/care-event.events';
import { careEventStream } from '../domain/callback.streams';
import { AnnounceCareEventDto } from './announce-care-event.dto';
import { AnnounceCareEventCommand } from './announce-care-event.handler';

@ApiTags('callbacks')
@Controller('care-events')
export class AnnounceCareEventController {
  constructor(
    private readonly commands: CommandBus,
    private readonly scope: ScopeService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /** R-CB-10: invitations are queued 2 weeks before the event for the customers named; a letter follows each call. */
  @Post()
  @Created('/api/v1/care-events/:id')
  announce(@CommandCtx() ctx: CommandContext, @Caller() caller: Principal, @Body() body: AnnounceCareEventDto) {
    const { dealerId: requested, ...input } = body;
    const dealerId = caller.role === 'admin' ? requested : (requested ?? caller.dealerId);
    if (!dealerId) {
      throw DomainError.invalid('CARE_EVENT.DEALER_REQUIRED', 'an admin must say which dealer announces the event', [
        { field: 'dealerId', message: 'dealerId is required for admin' },
      ]);
    }
    return this.commands.execute(new AnnounceCareEventCommand(ctx, dealerId, input));
  }

  /** The announcement as recorded (its stream holds the one event). */
  @Get(':id')
  async get(@Caller() caller: Principal, @Param('id') id: string) {
    const [announced] = await this.events.readStream(careEventStream(id), { limit: 1 });
    if (!announced) throw DomainError.notFound('CARE_EVENT.NOT_FOUND', `care event ${id} does not exist`);
    const d = (announced as unknown as CareEventAnnounced).data;
    await this.scope.assertCanRead(caller, d.dealerId);
    return { id, dealerId: d.dealerId, kind: d.kind, title: d.title, startsAt: d.startsAt, customerIds: d.customerIds, announcedBy: d.announcedBy, revision: announced.revision };
  }
}
