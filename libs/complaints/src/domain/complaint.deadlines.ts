import { addDays } from '@aftercare/kernel';

/** R-CP-2: an interim answer within 3 days of intake (3日内). */
export const INTERIM_REPLY_DAYS = 3;
/** R-CP-3: still unsolved 2 days after it was taken → the business supervisor (两日内). */
export const ESCALATION_DAYS = 2;
/** R-CP-6 / R-CB-7: the customer is called within 2 days of resolution. */
export const FOLLOW_UP_DAYS = 2;

export const DEADLINE_KINDS = ['reply_by', 'interim_reply', 'escalation', 'follow_up', 'assignment'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The kinds whose passing makes a complaint "overdue" (API.md: a deadline of R-CP-1/2/3 passed). */
export const OVERDUE_KINDS: readonly DeadlineKind[] = ['reply_by', 'interim_reply', 'escalation'];

export const DEADLINE_RULES: Record<DeadlineKind, string> = {
  reply_by: 'R-CP-1',
  interim_reply: 'R-CP-2',
  escalation: 'R-CP-3',
  follow_up: 'R-CP-6',
  assignment: 'R-CP-3',
};

export const interimReplyDue = (openSince: string) => addDays(openSince, INTERIM_REPLY_DAYS);
export const escalationDue = (openSince: string) => addDays(openSince, ESCALATION_DAYS);
export const followUpDue = (resolvedAt: string) => addDays(resolvedAt, FOLLOW_UP_DAYS);
