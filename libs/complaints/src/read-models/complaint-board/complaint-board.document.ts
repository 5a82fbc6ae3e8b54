/**
 * `complaint_board_days`: one document per dealer and UTC day of intake, counting
 * the complaints taken that day by their current status, subject, severity and
 * root cause, and the time their resolution took. A board over any period is
 * the sum of its days: a few hundred small documents a year, however many
 * complaints there are.
 */
export interface ComplaintBoardDayDoc {
  _id: string;
  dealerId: string;
  /** YYYY-MM-DD (UTC) of receivedAt. */
  day: string;
  received: number;
  byStatus: Record<string, number>;
  bySubject: Record<string, number>;
  bySeverity: Record<string, number>;
  byRootCause: Record<string, number>;
  /** Complaints of the day resolved (and not reopened since), and their intake-to-resolution time. */
  resolved: number;
  resolveMsTotal: number;
  [key: string]: unknown;
}

/**
 * `complaint_board_items`: what the board projection remembers of each complaint
 * to move its counts when it changes (its day, status, root cause, resolution time).
 */
export interface ComplaintBoardItemDoc {
  _id: string;
  dealerId: string;
  day: string;
  receivedAt: string;
  status: string;
  rootCause: string | null;
  resolveMs: number | null;
  [key: string]: unknown;
}

export const COMPLAINT_BOARD_DAYS = 'complaint_board_days';
export const COMPLAINT_BOARD_ITEMS = 'complaint_board_items';

export const dayOf = (iso: string) => iso.slice(0, 10);
export const boardDayId = (dealerId: string, day: string) => `${dealerId}:${day}`;
