import { deterministicUuid, SYSTEM_ACTOR, type RecordedEvent } from '@aftercare/kernel';
import { PARKED_COLLECTION } from './parked-events';
import { defineReaction, type ReactionDefinition } from './projection';
import { ReactionRunner } from './reaction-runner';
import { silentRunnerLogger } from './runner-logger';
import { openProjectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.fixture';


jest.setTimeout(30_000);

describe('ReactionRunner', () => {
  let bed: ProjectionTestBed;
  let runner: ReactionRunner | undefined;
  let calls: number[];

  beforeEach(async () => {
    bed = await openProjectionTestBed();
    calls = [];
  });

  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await bed.close();
  });

  /** Schedules a callback for every visit, with an event id derived from the visit's, so a redelivery appends nothing. */
  function scheduleCallbackWhenVisitRecorded(options: Partial<ReactionDefinition> = {}): ReactionDefinition {
    return defineReaction({
      name: 'schedule-callback-when-visit-recorded',
      handlers: {
        VisitRecorded: async (event: RecordedEvent) => {
          calls.push(event.position);
          if (event.data.broken) throw new Error('no customer for this visit');
          const id = event.data.visitId as string;
          await bed.eventStore.append(
            `callback-${id}`,
            [
              {
                type: 'CallbackScheduled',
                data: { visitId: id },
                metadata: {
                  eventId: deterministicUuid('callback', event.metadata.eventId),
                  schemaVersion: 1,
                  occurredAt: event.metadata.occurredAt,
                  recordedAt: new Date().toISOString(),
                  actor: SYSTEM_ACTOR,
                  dealerId: null,
                  correlationId: event.metadata.correlationId,
                  causationId: event.metadata.eventId,
                },
              },
            ],
            { expectedRevision: 'any' },
          );
        },
      },
      ...options,
    });
  }

  async function start(reaction: ReactionDefinition): Promise<ReactionRunner> {
    runner = new ReactionRunner({
      eventStore: bed.eventStore,
      readStore: bed.runnerStore,
      reactions: [reaction],
      logger: silentRunnerLogger,
      retryDelayMs: 1,
      batchSize: 3,
    });
    await runner.start();
    await runner.waitForCatchUp();
    return runner;
  }

  async function scheduled(): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const e of bed.eventStore.readAll({ filter: { types: ['CallbackScheduled'] } })) events.push(e);
    return events;
  }

  it('reacts to past and new events, appending events caused by them', async () => {
    const visit = await bed.append('visit-1', 'VisitRecorded', { visitId: 'v1' });
    const r = await start(scheduleCallbackWhenVisitRecorded());
    const p = await bed.append('visit-2', 'VisitRecorded', { visitId: 'v2' });
    await r.waitForCatchUp(p);
    const callbacks = await scheduled();
    expect(callbacks.map((e) => e.streamId)).toEqual(['callback-v1', 'callback-v2']);
    const cause = (await bed.eventStore.readStream('visit-1'))[0];
    expect(cause.position).toBe(visit);
    expect(callbacks[0].metadata.causationId).toBe(cause.metadata.eventId);
    expect((await r.status())[0]).toMatchObject({ state: 'live', lagEvents: 0, parkedCount: 0 });
  });

  it('continues after a restart from its checkpoint without reacting twice', async () => {
    for (let i = 0; i < 5; i++) await bed.append(`visit-${i}`, 'VisitRecorded', { visitId: `v${i}` });
    const first = await start(scheduleCallbackWhenVisitRecorded());
    await first.stop();
    for (let i = 5; i < 8; i++) await bed.append(`visit-${i}`, 'VisitRecorded', { visitId: `v${i}` });
    await start(scheduleCallbackWhenVisitRecorded());
    expect(new Set(calls).size).toBe(8);
    expect(calls).toHaveLength(8);
    expect(await scheduled()).toHaveLength(8);
  });

  it('appends nothing new when an event is delivered again', async () => {
    await bed.append('visit-1', 'VisitRecorded', { visitId: 'v1' });
    await start(scheduleCallbackWhenVisitRecorded());
    await runner!.stop();
    // A crash before the checkpoint: delivered again from the start.
    await bed.runnerStore.collection('_reactions').updateOne({ _id: 'schedule-callback-when-visit-recorded' }, { $set: { position: 0 } });
    await start(scheduleCallbackWhenVisitRecorded());
    expect(calls).toHaveLength(2);
    expect(await scheduled()).toHaveLength(1);
  });

  it('parks an event its handler keeps failing on and goes on with the next', async () => {
    await bed.append('visit-1', 'VisitRecorded', { visitId: 'v1', broken: true });
    await bed.append('visit-2', 'VisitRecorded', { visitId: 'v2' });
    const r = await start(scheduleCallbackWhenVisitRecorded());
    expect(calls).toEqual([1, 1, 1, 2]);
    expect((await scheduled()).map((e) => e.streamId)).toEqual(['callback-v2']);
    expect((await r.status())[0].parkedCount).toBe(1);
    const parked = await bed.queryStore.collection(PARKED_COLLECTION).find({});
    expect(parked).toMatchObject([{ kind: 'reaction', projection: 'schedule-callback-when-visit-recorded', position: 1, attempts: 3, error: { message: 'no customer for this visit' } }]);
  });

  it('starts at the end of the log when told to leave the past alone', async () => {
    await bed.append('visit-1', 'VisitRecorded', { visitId: 'v1' });
    const r = await start(scheduleCallbackWhenVisitRecorded({ startFrom: 'end' }));
    const p = await bed.append('visit-2', 'VisitRecorded', { visitId: 'v2' });
    await r.waitForCatchUp(p);
    expect((await scheduled()).map((e) => e.streamId)).toEqual(['callback-v2']);
  });
});
