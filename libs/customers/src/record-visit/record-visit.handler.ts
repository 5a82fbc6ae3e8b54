import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@aftercare/kernel';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { vehicleStream } from '../domain/streams';
import { evolveVehicle, initialVehicleState } from '../domain/vehicle.state';
import { assertMayWriteCustomerFile } from '../domain/customer-access';
import { CustomerErrors } from '../domain/customer.errors';
import { normalizeVin } from '../domain/vin';
import type { VisitType } from '../domain/visit-types';
import { decideRecordVisit } from './record-visit.command';

export interface RecordVisitInput {
  vin: string;
  occurredAt?: string;
  odometerKm: number;
  type: VisitType;
  amount: number;
  advisorId: string;
}

export class RecordVisitCommand {
  constructor(readonly ctx: CommandContext, readonly input: RecordVisitInput) {}
}

@CommandHandler(RecordVisitCommand)
export class RecordVisitHandler implements ICommandHandler<RecordVisitCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ ctx, input }: RecordVisitCommand) {
    const vin = normalizeVin(input.vin);
    const now = this.clock.now().toISOString();
    const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : now;
    const visitId = this.runner.newId(ctx, 'visit');
    const result = await this.runner.run(ctx, {
      stream: vehicleStream(vin),
      initialState: initialVehicleState,
      evolve: evolveVehicle,
      dealerId: (state) => state.dealerId,
      occurredAt,
      notFound: () => CustomerErrors.vehicleNotFound(vin),
      decide: (state) => {
        assertMayWriteCustomerFile(ctx.actor, state.dealerId);
        return decideRecordVisit({ ...input, vin, visitId, occurredAt, recordedAt: now }, state);
      },
    });
    const visit = result.events[0]?.data as { visitId: string } | undefined;
    return { id: visit?.visitId ?? visitId, vin, revision: result.revision, position: result.position };
  }
}
