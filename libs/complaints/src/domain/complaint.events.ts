import type { DomainEvent, EventMetadata } from '@aftercare/kernel';

/** Stored type strings: fixed here, never derived from class names (STYLE.md "Naming"). */
export const ComplaintEventTypes = {
  ComplaintReceived: 'ComplaintReceived',
  DealerGeneralManagerNotified: 'DealerGeneralManagerNotified',
  ComplaintAcknowledged: 'ComplaintAcknowledged',
  InterimReplySent: 'InterimReplySent',
  ComplaintAssigned: 'ComplaintAssigned',
  ComplaintEscalated: 'ComplaintEscalated',
  ComplaintInvestigated: 'ComplaintInvestigated',
  SolutionProposed: 'SolutionProposed',
  SolutionAccepted: 'SolutionAccepted',
  SolutionRejected: 'SolutionRejected',
  ComplaintResolved: 'ComplaintResolved',
  ComplaintClosed: 'ComplaintClosed',
  ComplaintReopened: 'ComplaintReopened',
} as const;

export const COMPLAINT_EVENT_TYPES: string[] = Object.values(ComplaintEventTypes);

/** DOMAIN.md "Complaints": intake channels; `callback` is a complaint a callback found. */
export const CHANNELS = ['phone', 'wechat', 'walk_in', 'website', 'email', 'callback'] as const;
export const SUBJECTS = [
  'sales',
  'service_reception',
  'repair_quality',
  'parts',
  'price',
  'staff_attitude',
  'waiting_time',
  'product_quality',
] as const;
export const SEVERITIES = ['normal', 'major'] as const;
/** R-CP-5: what an investigation must end with. */
export const ROOT_CAUSES = ['product_quality', 'service_process', 'miscommunication', 'customer_expectation'] as const;
export const RESPONSIBLE_PARTIES = ['dealer', 'oem', 'customer', 'third_party'] as const;

export type Channel = (typeof CHANNELS)[number];
export type Subject = (typeof SUBJECTS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type RootCause = (typeof ROOT_CAUSES)[number];
export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

export type ComplaintReceived = DomainEvent<
  'ComplaintReceived',
  {
    complaintId: string;
    dealerId: string;
    customerId: string;
    vin: string | null;
    channel: Channel;
    subject: Subject;
    /** The customer's own words. */
    description: string;
    expectedResolution: string;
    severity: Severity;
    /** The callback that found the complaint, when it came from one. */
    callbackId: string | null;
    takenBy: string;
    takenByRole: string;
    /** Business time of intake: every deadline of R-CP-2/R-CP-3 counts from it. */
    receivedAt: string;
  }
>;
/** R-CP-4: a major complaint notifies the dealer general manager at once. */
export type DealerGeneralManagerNotified = DomainEvent<'DealerGeneralManagerNotified', { complaintId: string; dealerId: string; rule: 'R-CP-4' }>;
/** R-CP-1: an apology and a committed reply-by date. */
export type ComplaintAcknowledged = DomainEvent<'ComplaintAcknowledged', { complaintId: string; message: string; replyBy: string }>;
/** R-CP-2: what the customer was told while the complaint is not yet solved. */
export type InterimReplySent = DomainEvent<'InterimReplySent', { complaintId: string; message: string }>;
/** R-CP-3: the business supervisor names a responsible person and a deadline. */
export type ComplaintAssigned = DomainEvent<'ComplaintAssigned', { complaintId: string; assigneeId: string; deadline: string; assignedBy: string }>;
/** R-CP-3: reported to the business supervisor, by a manager (rule null) or by the deadline worker (rule 'R-CP-3'). */
export type ComplaintEscalated = DomainEvent<
  'ComplaintEscalated',
  { complaintId: string; reason: string; escalatedTo: 'business_supervisor'; rule: 'R-CP-3' | null }
>;
/** R-CP-5: root cause and responsible party. */
export type ComplaintInvestigated = DomainEvent<
  'ComplaintInvestigated',
  { complaintId: string; rootCause: RootCause; responsibleParty: ResponsibleParty; findings: string }
>;
export type SolutionProposed = DomainEvent<
  'SolutionProposed',
  { complaintId: string; solutionNo: number; description: string; compensationAmount: number | null }
>;
export type SolutionAccepted = DomainEvent<'SolutionAccepted', { complaintId: string; solutionNo: number }>;
export type SolutionRejected = DomainEvent<'SolutionRejected', { complaintId: string; solutionNo: number; reason: string }>;
/** R-CP-6 / R-CB-7: the customer is to be called back by followUpDueAt. */
export type ComplaintResolved = DomainEvent<'ComplaintResolved', { complaintId: string; summary: string; followUpDueAt: string }>;
export type ComplaintClosed = DomainEvent<'ComplaintClosed', { complaintId: string }>;
/** R-CP-6: a dissatisfied customer reopens it; deadlines count again from reopenedAt. */
export type ComplaintReopened = DomainEvent<'ComplaintReopened', { complaintId: string; reason: string; reopenedAt: string }>;

export type ComplaintEvent =
  | ComplaintReceived
  | DealerGeneralManagerNotified
  | ComplaintAcknowledged
  | InterimReplySent
  | ComplaintAssigned
  | ComplaintEscalated
  | ComplaintInvestigated
  | SolutionProposed
  | SolutionAccepted
  | SolutionRejected
  | ComplaintResolved
  | ComplaintClosed
  | ComplaintReopened;

/**
 * An event as the write side folds it: stored events carry their envelope, whose
 * business time (occurredAt) keeps the steps in order; decider specs may omit it.
 */
export type StampedComplaintEvent = ComplaintEvent & { metadata?: Pick<EventMetadata, 'occurredAt'> };
