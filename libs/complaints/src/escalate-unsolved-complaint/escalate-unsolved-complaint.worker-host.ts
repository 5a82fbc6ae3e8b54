import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, Clock } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ReadModels } from '@aftercare/projections';
import { CommandRunner, LOGGER } from '@aftercare/platform';
import { EscalateUnsolvedComplaintsWorker } from './escalate-unsolved-complaint.worker';

/**
 * Runs the R-CP-3 worker for the life of the app. Every process that loads the
 * complaints module runs one (all-in-one, each API replica): the escalation is
 * exactly-once across any number of workers (see the handler and its int-spec),
 * so more workers only mean more looks, never a second escalation.
 */
@Injectable()
export class EscalationWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly worker: EscalateUnsolvedComplaintsWorker;

  constructor(
    readModels: ReadModels,
    runner: CommandRunner,
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(LOGGER) log: Logger,
  ) {
    const child = log.child({ component: 'complaint-escalation-worker' });
    this.worker = new EscalateUnsolvedComplaintsWorker(readModels, runner, events, clock, {
      onError: (err, complaintId) => child.error({ err, complaintId }, 'R-CP-3 escalation failed; retried at the next look'),
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }
}
