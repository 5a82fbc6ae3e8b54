import type { Actor } from '@aftercare/kernel';
import {
  Channel,
  CHANNELS,
  ComplaintReceived,
  DealerGeneralManagerNotified,
  Severity,
  SEVERITIES,
  Subject,
  SUBJECTS,
} from '../domain/complaint.events';
import type { ComplaintState } from '../domain/complaint.state';
import { ComplaintErrors } from '../domain/complaint.errors';
import { assertMayDo } from '../domain/complaint.policy';
import { assertDatedInOrder } from '../domain/complaint.step';

export interface ReceiveComplaint {
  complaintId: string;
  dealerId: string;
  customerId: string;
  vin: string | null;
  channel: Channel;
  subject: Subject;
  description: string;
  expectedResolution: string;
  severity: Severity;
  callbackId: string | null;
  by: Actor;
  occurredAt: string;
  recordedAt: string;
  /** From the customer file: the customer's dealer, null when there is no such customer. */
  customerDealerId: string | null;
  /** From the customer file: who the vehicle is registered to, null when it is not registered. */
  vehicleOwnerId: string | null;
  /** From the callbacks' published events: whom the linked callback calls, null when there is no such callback. */
  callbackCustomerId?: string | null;
}

/** DOMAIN.md "Complaints": intake records customer, vehicle, channel, subject, own words, expectation, severity and who took it. */
export function decideReceiveComplaint(command: ReceiveComplaint, _state: ComplaintState): (ComplaintReceived | DealerGeneralManagerNotified)[] {
  assertMayDo('receive', command.by, command.dealerId);
  if (!CHANNELS.includes(command.channel)) throw ComplaintErrors.invalidValue('channel', CHANNELS);
  if (!SUBJECTS.includes(command.subject)) throw ComplaintErrors.invalidValue('subject', SUBJECTS);
  if (!SEVERITIES.includes(command.severity)) throw ComplaintErrors.invalidValue('severity', SEVERITIES);
  if (command.customerDealerId === null) throw ComplaintErrors.unknownCustomer(command.customerId);
  if (command.customerDealerId !== command.dealerId) throw ComplaintErrors.customerOfOtherDealer();
  if (command.vin !== null && command.vehicleOwnerId !== command.customerId) throw ComplaintErrors.vehicleNotOwned(command.vin);
  if (command.callbackId !== null && command.callbackCustomerId !== command.customerId) throw ComplaintErrors.callbackNotOfCustomer(command.callbackId);
  assertDatedInOrder(command, { lastStepAt: null });

  const received: ComplaintReceived = {
    type: 'ComplaintReceived',
    data: {
      complaintId: command.complaintId,
      dealerId: command.dealerId,
      customerId: command.customerId,
      vin: command.vin,
      channel: command.channel,
      subject: command.subject,
      description: command.description,
      expectedResolution: command.expectedResolution,
      severity: command.severity,
      callbackId: command.callbackId,
      takenBy: command.by.id,
      takenByRole: command.by.role,
      receivedAt: command.occurredAt,
    },
  };
  if (command.severity !== 'major') return [received];
  // R-CP-4: a major complaint reaches the dealer general manager at once, in the same append.
  return [received, { type: 'DealerGeneralManagerNotified', data: { complaintId: command.complaintId, dealerId: command.dealerId, rule: 'R-CP-4' } }];
}
