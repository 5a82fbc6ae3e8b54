import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { appointmentStream } from '../domain/streams';
import { evolveAppointment, initialAppointmentState } from '../domain/appointment.events';
import { assertMayWriteCustomerFile } from '../domain/customer-access';
import { CustomerErrors } from '../domain/customer.errors';
import { decideRecordAppointmentOutcome, RecordAppointmentOutcome } from './record-appointment-outcome.command';

export class RecordAppointmentOutcomeCommand {
  constructor(readonly ctx: CommandContext, readonly input: RecordAppointmentOutcome) {}
}

@CommandHandler(RecordAppointmentOutcomeCommand)
export class RecordAppointmentOutcomeHandler implements ICommandHandler<RecordAppointmentOutcomeCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ ctx, input }: RecordAppointmentOutcomeCommand) {
    const result = await this.runner.run(ctx, {
      stream: appointmentStream(input.appointmentId),
      initialState: initialAppointmentState,
      evolve: evolveAppointment,
      dealerId: (state) => state.dealerId,
      notFound: () => CustomerErrors.appointmentNotFound(input.appointmentId),
      decide: (state) => {
        assertMayWriteCustomerFile(ctx.actor, state.dealerId);
        return decideRecordAppointmentOutcome(input, state);
      },
    });
    return { id: input.appointmentId, revision: result.revision, position: result.position };
  }
}
