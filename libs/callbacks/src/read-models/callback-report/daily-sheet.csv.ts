import { Injectable } from '@nestjs/common';
import { ReadModels } from '@aftercare/projections';
import { Principal, ScopeService } from '@aftercare/platform';
import { CALLBACK_CALLS, CALLBACK_QUEUE, CallbackCallDoc, CallbackDoc } from '../callback-queue/callback-queue.document';
import { reportDays } from './report-period';

const COLUMNS = [
  'callbackId', 'type', 'rule', 'dueAt', 'priority', 'status', 'customerId', 'vin', 'assigneeId', 'advisorId',
  'attemptsThatDay', 'attemptsTotal', 'lastAttemptAt', 'reached', 'satisfaction', 'feedback', 'notes', 'letterDueAt',
] as const;

/**
 * R-CB-13: each day's callbacks collated, as the sheet a supervisor files: every
 * callback due that day and every callback called that day, in queue order.
 */
@Injectable()
export class DailySheetCsv {
  constructor(
    private readonly readModels: ReadModels,
    private readonly scope: ScopeService,
  ) {}

  async sheet(caller: Principal, dealerId: string, date: string): Promise<string> {
    await this.scope.assertCanRead(caller, dealerId);
    const { from: day } = reportDays(date, date);
    const queue = this.readModels.collection<CallbackDoc>(CALLBACK_QUEUE);
    const calls = await this.readModels.collection<CallbackCallDoc>(CALLBACK_CALLS).find({ dealerId, day });
    const due = await queue.find({ dealerId, dueDay: day });
    const byId = new Map(due.map((d) => [d._id, d]));
    const called = [...new Set(calls.map((c) => c.callbackId))].filter((id) => !byId.has(id));
    if (called.length) for (const d of await queue.find({ _id: { $in: called } })) byId.set(d._id, d);
    const rows = [...byId.values()].sort(
      (a, b) => a.dueDay.localeCompare(b.dueDay) || a.priorityRank - b.priorityRank || a.dueAt.localeCompare(b.dueAt) || a._id.localeCompare(b._id),
    );
    const lines = [COLUMNS.join(',')];
    for (const doc of rows) {
      const today = doc.attempts.filter((a) => a.at.slice(0, 10) === day);
      const last = doc.attempts.at(-1) ?? null;
      const values: Record<(typeof COLUMNS)[number], unknown> = {
        callbackId: doc.id, type: doc.type, rule: doc.rule, dueAt: doc.dueAt, priority: doc.priority, status: doc.status, customerId: doc.customerId,
        vin: doc.vin, assigneeId: doc.assigneeId, advisorId: doc.advisorId, attemptsThatDay: today.length, attemptsTotal: doc.attempts.length,
        lastAttemptAt: last?.at ?? null, reached: last ? last.reached : null, satisfaction: doc.outcome?.satisfaction ?? null,
        feedback: doc.outcome?.feedback ?? null, notes: last?.notes ?? null, letterDueAt: doc.letterDueAt,
      };
      lines.push(COLUMNS.map((c) => csvCell(values[c])).join(','));
    }
    return lines.join('\r\n') + '\r\n';
  }
}

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a customer's words as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
