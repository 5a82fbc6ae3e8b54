import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FixedClock, uuidv7, type Actor, type NewEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { SqliteReadStore } from '@aftercare/read-store';
import { ProjectionRunner, ReadModels, silentRunnerLogger } from '@aftercare/projections';
import { CommandContext, CommandRunner, DealerDirectory, Principal, ScopeService } from '@aftercare/platform';
import { complaintDetailsProjection } from '../read-models/complaint-details/complaint-details.projection';
import { complaintBoardProjection } from '../read-models/complaint-board/complaint-board.projection';

/**
 * The complaints context on the real embedded adapters in a temp dir: an event
 * store, the projector's and the queries' read-store connections, a CommandRunner
 * on a FixedClock, and the context's projections. Handlers are built by hand (no Nest).
 */
export interface ComplaintsTestBed {
  dir: string;
  clock: FixedClock;
  eventStore: SqliteEventStore;
  runnerStore: SqliteReadStore;
  queryStore: SqliteReadStore;
  runner: CommandRunner;
  projections: ProjectionRunner;
  readModels: ReadModels;
  scope: ScopeService;
  /** A customer (and vehicle) of the customer file, as the customers context records them. */
  registerCustomer(customerId: string, dealerId: string, vin?: string): Promise<void>;
  ctx(actor: Actor, extra?: Partial<CommandContext>): CommandContext;
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

export const principalOf = (actor: Actor): Principal => ({
  sub: actor.id,
  role: actor.role as Principal['role'],
  dealerId: actor.dealerId ?? null,
  region: actor.region ?? null,
  exp: null,
});

export async function openComplaintsTestBed(start = '2026-03-02T09:00:00.000Z'): Promise<ComplaintsTestBed> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-complaints-'));
  const clock = new FixedClock(start);
  const eventStore = new SqliteEventStore({ file: path.join(dir, 'events.sqlite'), pollIntervalMs: 10 });
  const runnerStore = new SqliteReadStore({ file: path.join(dir, 'read.sqlite') });
  const queryStore = new SqliteReadStore({ file: path.join(dir, 'read.sqlite') });
  const definitions = [complaintDetailsProjection, complaintBoardProjection];
  const projections = new ProjectionRunner({ eventStore, readStore: runnerStore, projections: definitions, clock, logger: silentRunnerLogger, controlPollMs: 0 });
  await projections.start();
  const readModels = new ReadModels({ readStore: queryStore, projections: definitions, cacheTtlMs: 0 });
  const directory: DealerDirectory = {
    regionOf: async (dealerId) => (dealerId === 'D1' || dealerId === 'D2' ? 'east' : null),
    dealersInRegion: async (region) => (region === 'east' ? ['D1', 'D2'] : []),
  };
  const event = (type: string, data: Record<string, unknown>): NewEvent => ({
    type,
    data,
    metadata: {
      eventId: uuidv7(), schemaVersion: 1, occurredAt: clock.now().toISOString(), recordedAt: clock.now().toISOString(),
      actor: { id: 'sa-li', role: 'service_advisor', dealerId: String(data.dealerId) }, dealerId: String(data.dealerId),
      correlationId: uuidv7(), causationId: null,
    },
  });
  return {
    dir,
    clock,
    eventStore,
    runnerStore,
    queryStore,
    runner: new CommandRunner(eventStore, clock),
    projections,
    readModels,
    scope: new ScopeService(directory),
    async registerCustomer(customerId, dealerId, vin) {
      await eventStore.append(`customer-${customerId}`, [event('CustomerRegistered', { customerId, dealerId, name: '王先生', phone: '13800000000' })], {
        expectedRevision: 'no_stream',
      });
      if (vin) {
        await eventStore.append(`vehicle-${vin}`, [event('VehicleRegistered', { vin, customerId, dealerId })], { expectedRevision: 'no_stream' });
      }
    },
    ctx: (actor, extra = {}) => ({ actor, correlationId: uuidv7(), causationId: null, idempotencyKey: null, expectedRevision: null, ...extra }),
    caughtUp: () => projections.waitForCatchUp(undefined, { timeoutMs: 10_000 }),
    async close() {
      await projections.stop();
      await queryStore.close();
      await runnerStore.close();
      await eventStore.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
