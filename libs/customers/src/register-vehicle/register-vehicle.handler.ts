import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { customerStream, vehicleStream } from '../domain/streams';
import { evolveVehicle, initialVehicleState } from '../domain/vehicle.state';
import { evolveCustomer, initialCustomerState } from '../domain/customer.state';
import { assertMayWriteCustomerFile } from '../domain/customer-access';
import { CustomerErrors } from '../domain/customer.errors';
import type { CustomerEvent } from '../domain/customer.events';
import type { VehicleDetails } from '../domain/vehicle.events';
import { normalizeVin } from '../domain/vin';
import { decideRegisterVehicle } from './register-vehicle.command';

export class RegisterVehicleCommand {
  constructor(readonly ctx: CommandContext, readonly customerId: string, readonly details: VehicleDetails) {}
}

@CommandHandler(RegisterVehicleCommand)
export class RegisterVehicleHandler implements ICommandHandler<RegisterVehicleCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ ctx, customerId, details }: RegisterVehicleCommand) {
    const events = await this.store.readStream(customerStream(customerId));
    const customer = events.reduce((s, e) => evolveCustomer(s, e as unknown as CustomerEvent), initialCustomerState());
    if (!customer.exists) throw CustomerErrors.notFound(customerId);
    assertMayWriteCustomerFile(ctx.actor, customer.dealerId);
    const vin = normalizeVin(details.vin);
    const result = await this.runner.run(ctx, {
      stream: vehicleStream(vin),
      initialState: initialVehicleState,
      evolve: evolveVehicle,
      dealerId: customer.dealerId,
      decide: (state) =>
        decideRegisterVehicle({ customerId, dealerId: customer.dealerId!, customerExists: true, details: { ...details, vin } }, state),
    });
    return { id: vin, customerId, revision: result.revision, position: result.position };
  }
}
