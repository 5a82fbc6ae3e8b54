import type { Logger } from 'pino';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import type { ReadStore } from '@aftercare/read-store';
import { HOST_OPTIONS, HostOptions, LOGGER, PROJECTOR_READ_STORE, WorkerFactory } from '@aftercare/platform';
import { ScrubAfterErasureWorker } from '@aftercare/personal-data';
import { CustomerEventTypes } from '../domain/customer.events';

/**
 * After PersonalDataErased: once the customer profile (and any other projection
 * applying erasures) has overwritten the personal fields, the read-model files are
 * scrubbed so no older page keeps them (docs/personal-data.md). Projector host only.
 */
export const scrubReadModelsWhenErased: WorkerFactory = (get) => {
  const log = get<Logger>(LOGGER).child({ component: 'personal-data-scrub' });
  return new ScrubAfterErasureWorker({
    events: get<EventStore>(EVENT_STORE),
    readStore: get<ReadStore>(PROJECTOR_READ_STORE),
    erasureTypes: [CustomerEventTypes.PersonalDataErased],
    projections: get<HostOptions>(HOST_OPTIONS).contexts.flatMap((c) => c.projections ?? []),
    onError: (err) => log.error({ err }, 'scrubbing the read models after an erasure failed; retried shortly'),
  });
};
