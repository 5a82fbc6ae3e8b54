import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { CommandContext, CommandRunner } from '@aftercare/platform';
import { CustomerEventTypes, customerStream, VehicleEventTypes, vehicleStream } from '@aftercare/customers';
import type { Channel, Severity, Subject } from '../domain/complaint.events';
import { evolveComplaint, initialComplaintState } from '../domain/complaint.state';
import { complaintStream } from '../domain/complaint.stream';
import { decideReceiveComplaint } from './receive-complaint.command';

export interface ReceiveComplaintInput {
  customerId: string;
  vin?: string | null;
  channel: Channel;
  subject: Subject;
  description: string;
  expectedResolution: string;
  severity: Severity;
  callbackId?: string | null;
  occurredAt?: string;
}

export class ReceiveComplaintCommand {
  constructor(readonly ctx: CommandContext, readonly dealerId: string, readonly input: ReceiveComplaintInput) {}
}

/**
 * Intake. The customer file is another context's: what this decision needs of it
 * (the customer's dealer, the vehicle's owner) is read from its published events,
 * the first event of `customer-<id>` and `vehicle-<vin>`.
 */
@CommandHandler(ReceiveComplaintCommand)
export class ReceiveComplaintHandler implements ICommandHandler<ReceiveComplaintCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ctx, dealerId, input }: ReceiveComplaintCommand) {
    const complaintId = this.runner.newId(ctx, 'complaint');
    const recordedAt = this.clock.now().toISOString();
    const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : recordedAt;
    const vin = input.vin ? input.vin.trim().toUpperCase() : null;
    const callbackId = input.callbackId ?? null;
    const [customerDealerId, vehicleOwnerId, callbackCustomerId] = await Promise.all([
      this.firstField(customerStream(input.customerId), CustomerEventTypes.CustomerRegistered, 'dealerId'),
      vin ? this.firstField(vehicleStream(vin), VehicleEventTypes.VehicleRegistered, 'customerId') : Promise.resolve(null),
      // The callbacks context is subscribed by stream and type string, as the customer file is: no import of its internals.
      callbackId ? this.firstField(`callback-${callbackId}`, 'CallbackScheduled', 'customerId') : Promise.resolve(null),
    ]);
    const result = await this.runner.run(ctx, {
      stream: complaintStream(complaintId),
      initialState: initialComplaintState,
      evolve: evolveComplaint,
      dealerId,
      occurredAt,
      mustBeNew: true,
      decide: (state) =>
        decideReceiveComplaint(
          {
            complaintId,
            dealerId,
            customerId: input.customerId,
            vin,
            channel: input.channel,
            subject: input.subject,
            description: input.description,
            expectedResolution: input.expectedResolution,
            severity: input.severity,
            callbackId,
            callbackCustomerId,
            by: ctx.actor,
            occurredAt,
            recordedAt,
            customerDealerId,
            vehicleOwnerId,
          },
          state,
        ),
    });
    return { id: complaintId, revision: result.revision };
  }

  private async firstField(stream: string, type: string, field: string): Promise<string | null> {
    const [first] = await this.events.readStream(stream, { limit: 1 });
    const value = first?.type === type ? (first.data as Record<string, unknown>)[field] : null;
    return typeof value === 'string' ? value : null;
  }
}
