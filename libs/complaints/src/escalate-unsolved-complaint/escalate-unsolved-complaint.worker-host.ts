import type { Logger } from 'pino';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ReadModels } from '@aftercare/projections';
import { CommandRunner, LOGGER, WorkerFactory } from '@aftercare/platform';
import { EscalateUnsolvedComplaintsWorker } from './escalate-unsolved-complaint.worker';

/**
 * The R-CP-3 worker, run by the projector host (apps/projector, or the all-in-one
 * host), never by API replicas. Escalation is exactly-once across any number of
 * workers (see the handler and its int-spec), so two projectors only mean more
 * looks, never a second escalation.
 */
export const escalationWorker: WorkerFactory = (get) => {
  const log = get<Logger>(LOGGER).child({ component: 'complaint-escalation-worker' });
  return new EscalateUnsolvedComplaintsWorker(get(ReadModels), get(CommandRunner), get<EventStore>(EVENT_STORE), get<Clock>(CLOCK), {
    onError: (err, complaintId) => log.error({ err, complaintId }, 'R-CP-3 escalation failed; retried at the next look'),
  });
};
