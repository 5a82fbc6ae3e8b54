import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FixedClock, uuidv7, type Actor, type NewEvent } from '@aftercare/kernel';
import { SqliteEventStore, type EventStore } from '@aftercare/event-store';
import { SqliteReadStore } from '@aftercare/read-store';
import { ProjectionRunner, REACTIONS_COLLECTION, ReactionRunner, ReadModels, silentRunnerLogger, type ReactionDefinition } from '@aftercare/projections';
import { CommandRunner } from '@aftercare/platform';
import { callbackQueueProjection } from '../read-models/callback-queue/callback-queue.projection';
import { scheduleCallbacksWhenCareFactsChange } from '../schedule-callbacks-when-care-facts-change/schedule-callbacks-when-care-facts-change.reaction';

export const VIN = 'LSVAU2180N2183294';
const advisor: Actor = { id: 'sa-li', role: 'service_advisor', dealerId: 'D1' };

/**
 * The callbacks context on the real embedded adapters in a temp dir: an event
 * store, the `callbacks` projection, the scheduler reaction (started by hand, so
 * a spec can run it again over the same history) and a CommandRunner on a FixedClock.
 */
export interface CallbacksTestBed {
  dir: string;
  clock: FixedClock;
  eventStore: SqliteEventStore;
  runner: CommandRunner;
  readModels: ReadModels;
  /** Appends one event of another context (the customer file, complaints) as its own handlers would. */
  publish(stream: string, type: string, data: Record<string, unknown>, occurredAt?: string, actor?: Actor): Promise<void>;
  registerCustomer(customerId: string, extra?: Record<string, unknown>): Promise<void>;
  registerVehicle(customerId: string, vin?: string, extra?: Record<string, unknown>): Promise<void>;
  recordVisit(customerId: string, occurredAt: string, odometerKm: number, extra?: Record<string, unknown>): Promise<void>;
  /** Runs the reactions until they have handled the whole log (a new ReactionRunner each call unless kept). */
  react(reactions?: ReactionDefinition[]): Promise<void>;
  /** Forgets the reactions' checkpoints: the next react() delivers the whole log again (at-least-once). */
  forgetCheckpoints(): Promise<void>;
  projected(): Promise<void>;
  close(): Promise<void>;
}

export async function openCallbacksTestBed(start = '2026-03-10T09:00:00.000Z'): Promise<CallbacksTestBed> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-callbacks-'));
  const clock = new FixedClock(start);
  const eventStore = new SqliteEventStore({ file: path.join(dir, 'events.sqlite'), pollIntervalMs: 10 });
  const runnerStore = new SqliteReadStore({ file: path.join(dir, 'read.sqlite') });
  const queryStore = new SqliteReadStore({ file: path.join(dir, 'read.sqlite') });
  const projections = new ProjectionRunner({ eventStore, readStore: runnerStore, projections: [callbackQueueProjection], clock, logger: silentRunnerLogger, controlPollMs: 0 });
  await projections.start();
  const readModels = new ReadModels({ readStore: queryStore, projections: [callbackQueueProjection], cacheTtlMs: 0 });
  const runner = new CommandRunner(eventStore, clock);
  const reactionStore = new SqliteReadStore({ file: path.join(dir, 'reactions.sqlite') });
  const seq = new Map<string, number>();

  const publish = async (stream: string, type: string, data: Record<string, unknown>, occurredAt = clock.now().toISOString(), actor = advisor) => {
    const event: NewEvent = {
      type,
      data,
      metadata: {
        eventId: uuidv7(), schemaVersion: 1, occurredAt, recordedAt: clock.now().toISOString(), actor, dealerId: String(data.dealerId ?? 'D1'),
        correlationId: uuidv7(), causationId: null,
      },
    };
    const revision = seq.get(stream) ?? -1;
    await eventStore.append(stream, [event], { expectedRevision: revision < 0 ? 'no_stream' : revision });
    seq.set(stream, revision + 1);
  };
  const vinOf = new Map<string, string>();

  return {
    dir,
    clock,
    eventStore,
    runner,
    readModels,
    publish,
    registerCustomer: (customerId, extra = {}) =>
      publish(`customer-${customerId}`, 'CustomerRegistered', { customerId, dealerId: 'D1', name: '王建国', phone: '13800138000', ...extra }),
    async registerVehicle(customerId, vin = VIN, extra = {}) {
      vinOf.set(customerId, vin);
      await publish(`vehicle-${vin}`, 'VehicleRegistered', {
        vin, customerId, dealerId: 'D1', plate: '沪A12345', model: 'Lavida', purchaseDate: '2025-03-01T00:00:00.000Z', deliveredAt: '2025-03-10T00:00:00.000Z',
        warrantyMonths: 24, warrantyKm: 40_000, warrantyEndsAt: '2027-03-10T00:00:00.000Z', vinCheckDigitValid: true, ...extra,
      });
    },
    async recordVisit(customerId, occurredAt, odometerKm, extra = {}) {
      const vin = vinOf.get(customerId) ?? VIN;
      await publish(`vehicle-${vin}`, 'VisitRecorded', {
        visitId: uuidv7(), vin, customerId, dealerId: 'D1', occurredAt, recordedAt: clock.now().toISOString(), odometerKm, type: 'periodic_maintenance',
        amount: 680, customerPaid: true, advisorId: 'sa-li', lateFile: false, ...extra,
      }, occurredAt);
    },
    async react(reactions = [scheduleCallbacksWhenCareFactsChange({ eventStore, runner, clock })]) {
      const reactionRunner = new ReactionRunner({ eventStore, readStore: reactionStore, reactions, clock, logger: silentRunnerLogger, retryDelayMs: 1 });
      await reactionRunner.start();
      try {
        await reactionRunner.waitForCatchUp(undefined, { timeoutMs: 20_000 });
      } finally {
        await reactionRunner.stop();
      }
    },
    async forgetCheckpoints() {
      await reactionStore.collection(REACTIONS_COLLECTION).deleteMany({});
    },
    projected: () => projections.waitForCatchUp(undefined, { timeoutMs: 20_000 }),
    async close() {
      await projections.stop();
      await reactionStore.close();
      await queryStore.close();
      await runnerStore.close();
      await eventStore.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every event of a category, oldest first. */
export async function eventsOf(store: EventStore, category: string): Promise<{ streamId: string; type: string; data: Record<string, unknown> }[]> {
  const out: { streamId: string; type: string; data: Record<string, unknown> }[] = [];
  for await (const e of store.readAll({ filter: { categories: [category] } })) out.push({ streamId: e.streamId, type: e.type, data: e.data as Record<string, unknown> });
  return out;
}
