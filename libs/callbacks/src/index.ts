/** What other contexts may import from the callbacks context. */
export { callbacksContext } from './callbacks.context';
export { CallbacksModule } from './callbacks.module';
export { CallbackQueueQuery } from './read-models/callback-queue/callback-queue.query';
export { CALLBACK_QUEUE } from './read-models/callback-queue/callback-queue.document';
export type { CallbackDoc } from './read-models/callback-queue/callback-queue.document';
export type { CallbackView } from './read-models/callback-queue/callback.view';
export { CallbackEventTypes, CALLBACK_EVENT_TYPES, FEEDBACK_KINDS, PRIORITIES, CALLBACK_STATUSES } from './domain/callback.events';
export type * from './domain/callback.events';
export type * from './domain/care-plan.events';
export type * from './domain/care-event.events';
export { callbackStream, carePlanStream, careEventStream, CALLBACK_CATEGORY, CARE_PLAN_CATEGORY } from './domain/callback.streams';
export { CARE_SCHEDULE, CALL_KINDS } from './domain/care-schedule';
export { CSI_WEIGHTS, CSI_FACTORS, weightedCsi } from './domain/csi';
export { callbackAsOf } from './read-models/callback-queue/callback-queue.as-of';
// Who may do what (the authorization matrix of apps/api reads it).
export { CALLBACK_POLICY, callbackRolesFor } from './domain/callback.policy';

/** Commands other code may send on the CommandBus (e.g. the demo generator in libs/demo). */
export { ClaimCallbackCommand } from './claim-callback/claim-callback.handler';
export { RecordCallbackAttemptCommand } from './record-callback-attempt/record-callback-attempt.handler';
