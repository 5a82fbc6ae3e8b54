import { Inject, Injectable } from '@nestjs/common';
import { addDays, CLOCK, Clock, DomainError } from '@aftercare/kernel';
import { ReadModels } from '@aftercare/projections';
import { Principal, ScopeService } from '@aftercare/platform';
import { COMPLAINT_OVERDUE_SPANS, ComplaintOverdueSpanDoc, OPEN_END } from '../complaint-details/complaint-details.document';
import { COMPLAINT_BOARD_DAYS, ComplaintBoardDayDoc, dayOf } from './complaint-board.document';

export interface ComplaintBoard {
  dealerId: string;
  /** First and last UTC day of intake counted (inclusive). */
  from: string;
  to: string;
  asOf: string;
  received: number;
  byStatus: Record<string, number>;
  bySubject: Record<string, number>;
  bySeverity: Record<string, number>;
  byRootCause: Record<string, number>;
  /** Complaints of the period overdue (a deadline of R-CP-1/2/3 passed and unmet) at asOf. */
  overdue: number;
  resolved: number;
  /** Mean hours from intake to resolution of the period's resolved complaints; null when none. */
  averageHoursToResolve: number | null;
}

const DEFAULT_PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 3 * 366;

/** A dealer's complaint board over the complaints taken in a period (whole UTC days). */
@Injectable()
export class ComplaintBoardQuery {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async board(caller: Principal, dealerId: string, period: { from?: string; to?: string; asOf?: string } = {}): Promise<ComplaintBoard> {
    await this.scope.assertCanRead(caller, dealerId);
    const asOf = period.asOf ?? this.clock.now().toISOString();
    const to = dayOf(period.to ?? asOf);
    const from = dayOf(period.from ?? addDays(`${to}T00:00:00.000Z`, 1 - DEFAULT_PERIOD_DAYS));
    if (from > to) throw DomainError.invalid('COMPLAINT.INVALID_PERIOD', 'from must not be after to', [{ field: 'from', message: 'must not be after to' }]);
    if (Date.parse(to) - Date.parse(from) > MAX_PERIOD_DAYS * 86_400_000) {
      throw DomainError.invalid('COMPLAINT.INVALID_PERIOD', `a board covers at most ${MAX_PERIOD_DAYS} days`, [{ field: 'to', message: 'period too long' }]);
    }
    const days = await this.readModels.collection<ComplaintBoardDayDoc>(COMPLAINT_BOARD_DAYS).find({ dealerId, day: { $gte: from, $lte: to } });
    const board: ComplaintBoard = {
      dealerId, from, to, asOf, received: 0, byStatus: {}, bySubject: {}, bySeverity: {}, byRootCause: {}, overdue: 0, resolved: 0, averageHoursToResolve: null,
    };
    let resolveMs = 0;
    for (const d of days) {
      board.received += d.received;
      board.resolved += d.resolved;
      resolveMs += d.resolveMsTotal;
      addInto(board.byStatus, d.byStatus);
      addInto(board.bySubject, d.bySubject);
      addInto(board.bySeverity, d.bySeverity);
      addInto(board.byRootCause, d.byRootCause);
    }
    if (board.resolved > 0) board.averageHoursToResolve = Math.round((resolveMs / board.resolved / 3_600_000) * 10) / 10;
    // Overdue at asOf: periods with from < asOf < until, ended or still running (see the details query).
    const spans = this.readModels.collection<ComplaintOverdueSpanDoc>(COMPLAINT_OVERDUE_SPANS);
    const inPeriod = { dealerId, from: { $lt: asOf }, receivedAt: { $gte: `${from}T00:00:00.000Z`, $lt: addDays(`${to}T00:00:00.000Z`, 1) } };
    const [ended, running] = await Promise.all([spans.count({ ...inPeriod, until: { $gt: asOf, $lt: OPEN_END } }), spans.count({ ...inPeriod, until: OPEN_END })]);
    board.overdue = ended + running;
    return board;
  }
}

/** Sums counters, leaving out zeros (a status every complaint of the period has left). */
function addInto(target: Record<string, number>, source: Record<string, number> | undefined): void {
  for (const [key, n] of Object.entries(source ?? {})) {
    const sum = (target[key] ?? 0) + n;
    if (sum === 0) delete target[key];
    else target[key] = sum;
  }
}
