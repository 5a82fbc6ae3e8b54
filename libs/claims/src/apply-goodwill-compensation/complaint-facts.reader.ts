import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ComplaintEventTypes, complaintStream, type ComplaintReceived } from '@aftercare/complaints';
import type { ComplaintFacts } from './apply-goodwill-compensation.command';

/**
 * What a goodwill compensation needs of the complaint it settles, read from the
 * complaints context's published stream `complaint-<id>` (not its read model, which
 * may lag): the intake (dealer, customer, vehicle, severity), with any later event
 * that restates the severity.
 */
@Injectable()
export class ComplaintFactsReader {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async read(complaintId: string): Promise<ComplaintFacts | null> {
    const recorded = await this.events.readStream(complaintStream(complaintId));
    const first = recorded[0];
    if (!first || first.type !== ComplaintEventTypes.ComplaintReceived) return null;
    const intake = first.data as unknown as ComplaintReceived['data'];
    let severity: string = intake.severity;
    for (const event of recorded.slice(1)) {
      const restated = (event.data as { severity?: unknown }).severity;
      if (typeof restated === 'string') severity = restated;
    }
    return { complaintId: intake.complaintId, dealerId: intake.dealerId, customerId: intake.customerId, vin: intake.vin, severity };
  }
}
