import { projectionAsOf } from '@aftercare/audit';
import { CALLBACK_CATEGORY } from '../../domain/callback.streams';
import { CALLBACK_QUEUE, CallbackDoc } from './callback-queue.document';
import { callbackQueueProjection } from './callback-queue.projection';
import { toCallbackView } from './callback.view';

/** GET /audit/callback/{id}/as-of: the callback as GET /callbacks/{id} answered at that instant. */
export const callbackAsOf = projectionAsOf<CallbackDoc & { _id: string }>({
  kind: 'callback',
  category: CALLBACK_CATEGORY,
  projection: callbackQueueProjection,
  collection: CALLBACK_QUEUE,
  view: (doc) => toCallbackView(doc),
});
