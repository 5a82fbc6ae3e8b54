import type { Actor } from '@aftercare/kernel';

/** Who and when of a command on a membership: business time `at` (ISO), recorded time from the clock. */
export interface MemberStep {
  memberId: string;
  by: Actor;
  at: string;
  recordedAt: string;
}
