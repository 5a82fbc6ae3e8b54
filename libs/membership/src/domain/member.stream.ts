import { deterministicUuid, streamName } from '@aftercare/kernel';

/** ARCHITECTURE.md: `<category>-<id>`, so `$ce-member` lists every membership. */
export const MEMBER_CATEGORY = 'member';
export const memberStream = (memberId: string) => streamName(MEMBER_CATEGORY, memberId);

/**
 * One membership per customer: the member id is derived from the customer id, so
 * enrolment, the visit reactions and other contexts all find `member-<id>` from a
 * customer id alone, and a second enrolment lands on the same stream.
 */
export const memberIdFor = (customerId: string) => deterministicUuid('member', customerId);

/** Segmentation's stream of a customer (R-SG-1), read for the loyalty segment of R-MB-1. */
export const segmentStream = (customerId: string) => streamName('segment', customerId);
