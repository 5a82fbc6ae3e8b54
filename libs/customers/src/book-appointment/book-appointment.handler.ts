import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { appointmentStream, customerStream } from '../domain/streams';
import { evolveAppointment, initialAppointmentState } from '../domain/appointment.events';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import type { CustomerEvent } from '../domain/customer.events';
import { assertMayWriteCustomerFile } from '../domain/customer-access';
import { CustomerErrors } from '../domain/customer.errors';
import { decideBookAppointment } from './book-appointment.command';

export class BookAppointmentCommand {
  constructor(readonly ctx: CommandContext, readonly customerId: string, readonly scheduledFor: string, readonly purpose: string) {}
}

@CommandHandler(BookAppointmentCommand)
export class BookAppointmentHandler implements ICommandHandler<BookAppointmentCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ctx, customerId, scheduledFor, purpose }: BookAppointmentCommand) {
    const events = await this.store.readStream(customerStream(customerId));
    const customer = events.reduce((s, e) => evolveCustomer(s, e as unknown as CustomerEvent), initialCustomerState());
    if (!customer.exists) throw CustomerErrors.notFound(customerId);
    assertMayWriteCustomerFile(ctx.actor, customer.dealerId);
    const appointmentId = this.runner.newId(ctx, 'appointment');
    const result = await this.runner.run(ctx, {
      stream: appointmentStream(appointmentId),
      initialState: initialAppointmentState,
      evolve: evolveAppointment,
      dealerId: customer.dealerId,
      mustBeNew: true,
      decide: (state) =>
        decideBookAppointment(
          { appointmentId, customerId, dealerId: customer.dealerId!, customerExists: true, scheduledFor, purpose, bookedAt: this.clock.now().toISOString() },
          state,
        ),
    });
    return { id: appointmentId, revision: result.revision, position: result.position };
  }
}
