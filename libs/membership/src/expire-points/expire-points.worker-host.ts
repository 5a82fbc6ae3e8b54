import type { Logger } from 'pino';
import { CLOCK, Clock } from '@aftercare/kernel';
import { ReadModels } from '@aftercare/projections';
import { CommandRunner, LOGGER, WorkerFactory } from '@aftercare/platform';
import { PointsExpiryWorker } from './expire-points.worker';

/** The points-expiry worker, run by the projector host (apps/projector, or the all-in-one host), never by API replicas. */
export const pointsExpiryWorker: WorkerFactory = (get) => {
  const log = get<Logger>(LOGGER).child({ component: 'points-expiry-worker' });
  return new PointsExpiryWorker(get(ReadModels), get(CommandRunner), get<Clock>(CLOCK), {
    onError: (err, memberId) => log.error({ err, memberId }, 'points expiry failed; retried at the next look'),
  });
};
