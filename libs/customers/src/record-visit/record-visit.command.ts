import { DomainError, MS_PER_DAY } from '@aftercare/kernel';
import type { VisitRecorded } from '../domain/vehicle.events';
import type { VehicleState } from '../domain/vehicle.state';
import { CustomerErrors } from '../domain/customer.errors';
import { isCustomerPaid, VisitType } from '../domain/visit-types';

export interface RecordVisit {
  visitId: string;
  vin: string;
  occurredAt: string;
  /** The clock's now: when the file entry is made. */
  recordedAt: string;
  odometerKm: number;
  type: VisitType;
  amount: number;
  advisorId: string;
}

/** R-CF-1: a visit's file entry must exist within 2 days of the visit. */
export const FILE_ENTRY_DEADLINE_DAYS = 2;

export function decideRecordVisit(command: RecordVisit, state: VehicleState): VisitRecorded[] {
  if (!state.exists) throw CustomerErrors.vehicleNotFound(command.vin);
  const occurred = Date.parse(command.occurredAt);
  const recorded = Date.parse(command.recordedAt);
  if (occurred > recorded) {
    throw DomainError.invalid('VISIT.OCCURRED_IN_FUTURE', 'occurredAt cannot be in the future', [
      { field: 'occurredAt', message: 'must not be in the future' },
    ]);
  }
  // Odometers never go backwards: a back-dated visit must fit between the readings
  // recorded before and after it.
  let before = -Infinity;
  let after = Infinity;
  for (const r of state.readings) {
    const t = Date.parse(r.occurredAt);
    if (t <= occurred) before = Math.max(before, r.odometerKm);
    else after = Math.min(after, r.odometerKm);
  }
  if (command.odometerKm < before) throw CustomerErrors.odometerBackwards(command.odometerKm, before);
  if (command.odometerKm > after) throw CustomerErrors.odometerAhead(command.odometerKm, after);
  return [
    {
      type: 'VisitRecorded',
      data: {
        visitId: command.visitId,
        vin: command.vin,
        customerId: state.customerId!,
        dealerId: state.dealerId!,
        occurredAt: new Date(occurred).toISOString(),
        recordedAt: command.recordedAt,
        odometerKm: command.odometerKm,
        type: command.type,
        amount: command.amount,
        customerPaid: isCustomerPaid(command.type),
        advisorId: command.advisorId,
        lateFile: recorded - occurred > FILE_ENTRY_DEADLINE_DAYS * MS_PER_DAY,
      },
    },
  ];
}
