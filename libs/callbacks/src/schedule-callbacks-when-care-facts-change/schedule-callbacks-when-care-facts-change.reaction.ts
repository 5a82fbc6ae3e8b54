import type { Clock } from '@aftercare/kernel';
import type { EventStore } from '@aftercare/event-store';
import type { CommandRunner } from '@aftercare/platform';
import { defineReaction, ReactionDefinition } from '@aftercare/projections';
import type { CareSchedule } from '../domain/care-schedule';
import { CARE_CAUSES, CareScheduler } from './care-scheduler';

export const SCHEDULE_CALLBACKS_REACTION = 'schedule-callbacks-when-care-facts-change';

/**
 * R-CB-1…10 and contact hygiene as one process manager: one reaction, so every
 * decision about a customer's calls is taken in log order by one writer of their
 * care plan (the throttle and "a newer visit withdraws the lapsed calls" need
 * that order). From the beginning of the log: a new installation plans the care
 * calls its history calls for.
 */
export function scheduleCallbacksWhenCareFactsChange(deps: {
  eventStore: EventStore;
  runner: CommandRunner;
  clock: Clock;
  schedule?: CareSchedule;
  windowSize?: number;
  cacheSize?: number;
}): ReactionDefinition {
  const scheduler = new CareScheduler(deps);
  const handle = (event: Parameters<CareScheduler['handle']>[0]) => scheduler.handle(event);
  return defineReaction({
    name: SCHEDULE_CALLBACKS_REACTION,
    handlers: Object.fromEntries(CARE_CAUSES.map((type) => [type, handle])),
  });
}
