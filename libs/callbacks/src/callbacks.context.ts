import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { CommandRunner, defineContext } from '@aftercare/platform';
import { CallbacksModule } from './callbacks.module';
import { callbackQueueProjection } from './read-models/callback-queue/callback-queue.projection';
import { CALLBACKS_TYPE_DEFS } from './read-models/callback-queue/callbacks.resolver';
import { scheduleCallbacksWhenCareFactsChange } from './schedule-callbacks-when-care-facts-change/schedule-callbacks-when-care-facts-change.reaction';
import { openComplaintWhenCallbackFindsOne } from './open-complaint-when-callback-finds-one/open-complaint-when-callback-finds-one.reaction';

/** DOMAIN.md "Callbacks": the care schedule (R-CB-1…10), the queue (R-CB-11), attempts (R-CB-12), reports (R-CB-13), CSI. */
export const callbacksContext = defineContext({
  name: 'callbacks',
  module: CallbacksModule,
  projections: [callbackQueueProjection],
  reactions: [
    (get) => scheduleCallbacksWhenCareFactsChange({ eventStore: get<EventStore>(EVENT_STORE), runner: get(CommandRunner), clock: get<Clock>(CLOCK) }),
    (get) => openComplaintWhenCallbackFindsOne({ eventStore: get<EventStore>(EVENT_STORE), runner: get(CommandRunner), clock: get<Clock>(CLOCK) }),
  ],
  typeDefs: CALLBACKS_TYPE_DEFS,
});
