import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CallbackType, RecordedEvent } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { customerStream, vehicleStream } from '@aftercare/customers';
import type { CallbackEvent } from '../domain/callback.events';
import { CallbackState, evolveCallback, initialCallbackState } from '../domain/callback.state';
import { callbackStream, carePlanStream } from '../domain/callback.streams';
import { evolveCustomerFacts, initialCustomerFacts } from '../domain/care-facts';
import type { CarePlanRevised } from '../domain/care-plan.events';
import { CarePlanState, evolveCarePlan, initialCarePlanState } from '../domain/care-plan.state';
import { planCareCalls } from '../schedule-callbacks-when-care-facts-change/care-call.planner';
import { revisionEventId } from '../schedule-callbacks-when-care-facts-change/care-scheduler';
import { decideScheduleCallback } from './schedule-callback.command';

export interface ScheduleCallbackInput {
  customerId: string;
  vin?: string | null;
  type: CallbackType;
  dueAt: string;
  notes?: string | null;
}

export class ScheduleCallbackCommand {
  constructor(readonly ctx: CommandContext, readonly input: ScheduleCallbackInput) {}
}

/**
 * POST /callbacks. The customer file's facts come from its published events;
 * the callback is then taken into the customer's care plan, so a later
 * do-not-call withdraws it and the throttle counts it like a planned call.
 */
@CommandHandler(ScheduleCallbackCommand)
export class ScheduleCallbackHandler implements ICommandHandler<ScheduleCallbackCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async execute({ ctx, input }: ScheduleCallbackCommand) {
    const callbackId = this.runner.newId(ctx, 'callback');
    const vin = input.vin ? input.vin.trim().toUpperCase() : null;
    const [customerEvents, planEvents, vehicleFirst] = await Promise.all([
      this.events.readStream(customerStream(input.customerId)),
      this.events.readStream(carePlanStream(input.customerId)),
      vin ? this.events.readStream(vehicleStream(vin), { limit: 1 }) : Promise.resolve([] as RecordedEvent[]),
    ]);
    const customer = customerEvents.reduce(evolveCustomerFacts, initialCustomerFacts());
    const plan = foldPlan(planEvents);
    const owner = vehicleFirst[0]?.type === 'VehicleRegistered' ? String((vehicleFirst[0].data as { customerId: string }).customerId) : null;
    const result = await this.runner.run(ctx, {
      stream: callbackStream(callbackId),
      initialState: initialCallbackState,
      evolve: (s: CallbackState, e: CallbackEvent) => evolveCallback(s, e),
      dealerId: customer.dealerId,
      mustBeNew: true,
      decide: (state) =>
        decideScheduleCallback(
          {
            callbackId, customerId: input.customerId, vin, type: input.type, dueAt: new Date(input.dueAt).toISOString(), notes: input.notes ?? null,
            by: ctx.actor, customer, vehicleOwnerId: owner, lastVisitAdvisorId: plan.lastVisit?.advisorId ?? null,
          },
          state,
        ),
    });
    await this.adopt(ctx, callbackId, customer, plan);
    return { id: callbackId, revision: result.revision };
  }

  /** Idempotent: a retried request finds the adoption in the plan and appends nothing. */
  private async adopt(ctx: CommandContext, callbackId: string, customer: ReturnType<typeof initialCustomerFacts>, plan: CarePlanState): Promise<void> {
    const stored = await this.events.readStream(callbackStream(callbackId));
    const scheduled = stored[0];
    if (!scheduled) return;
    const callback = stored.reduce((s, e) => evolveCallback(s, e as unknown as CallbackEvent), initialCallbackState());
    const revision = planCareCalls({
      cause: { eventId: scheduled.metadata.eventId, type: scheduled.type, position: scheduled.position, occurredAt: scheduled.metadata.occurredAt, data: scheduled.data },
      customer,
      plan,
      callback,
    });
    if (!revision) return;
    await this.runner.run(
      { ...ctx, causationId: scheduled.metadata.eventId, idempotencyKey: revisionEventId(scheduled.metadata.eventId, revision.customerId), expectedRevision: null },
      {
        stream: carePlanStream(revision.customerId),
        initialState: initialCarePlanState,
        evolve: (s: CarePlanState, e: CarePlanRevised) => evolveCarePlan(s, e),
        dealerId: revision.dealerId,
        decide: (state) => (state.handled[scheduled.metadata.eventId] ? [] : [{ type: 'CarePlanRevised', data: revision } satisfies CarePlanRevised]),
      },
    );
  }
}

function foldPlan(events: RecordedEvent[]): CarePlanState {
  return events.reduce((s, e) => evolveCarePlan(s, e as unknown as CarePlanRevised), initialCarePlanState());
}
