import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { Caller, Principal, ScopeService } from '@aftercare/platform';
import { CallbackErrors } from '../../domain/callback.errors';
import { carePlanStream } from '../../domain/callback.streams';
import type { CarePlanRevised } from '../../domain/care-plan.events';

/**
 * The scheduler's journal for one customer: every cause it reacted to and what
 * it decided, including the calls it skipped or moved and why (do-not-call,
 * throttled with the call that kept the slot, stale, date passed). Read straight
 * from `careplan-<customerId>`: it is one short stream.
 */
@ApiTags('callbacks')
@Controller('care-plans')
export class CarePlanController {
  constructor(
    private readonly scope: ScopeService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get(':customerId')
  async get(@Caller() caller: Principal, @Param('customerId') customerId: string) {
    const stream = await this.events.readStream(carePlanStream(customerId));
    if (!stream.length) throw CallbackErrors.carePlanNotFound(customerId);
    const first = (stream[0] as unknown as CarePlanRevised).data;
    await this.scope.assertCanRead(caller, first.dealerId);
    return {
      customerId,
      dealerId: first.dealerId,
      revisions: stream.map((e) => {
        const { customerId: _c, dealerId: _d, ...decision } = (e as unknown as CarePlanRevised).data;
        return { recordedAt: e.metadata.recordedAt, ...decision };
      }),
      revision: stream[stream.length - 1].revision,
    };
  }
}
