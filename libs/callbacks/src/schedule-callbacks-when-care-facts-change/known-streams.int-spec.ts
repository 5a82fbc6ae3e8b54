import { uuidv7, type Actor } from '@aftercare/kernel';
import { CommandRunner, type CommandContext } from '@aftercare/platform';
import type { CallbackEvent } from '../domain/callback.events';
import { CallbackState, evolveCallback, initialCallbackState } from '../domain/callback.state';
import { CarePlanRevised } from '../domain/care-plan.events';
import { CallbacksTestBed, eventsOf, openCallbacksTestBed } from '../testing/callbacks-test-bed.fixture';
import { commandEnvelopes } from './known-streams';
import { decideAdjustPlannedCallback } from '../adjust-planned-callback/adjust-planned-callback.command';
import { scheduleCallbacksWhenCareFactsChange } from './schedule-callbacks-when-care-facts-change.reaction';

const agent: Actor = { id: 'agent-wu', role: 'callback_agent', dealerId: 'D1' };

describe("the scheduler's write path without reads", () => {
  let bed: CallbacksTestBed;
  beforeEach(async () => {
    bed = await openCallbacksTestBed();
  });
  afterEach(() => bed.close());

  it('writes events a CommandRunner retry with the same key recognises: as a replay with its own ids, as done by the decider with ordered ids', async () => {
    const ctx: CommandContext = { actor: { id: 'care-scheduler', role: 'system', dealerId: 'D1' }, correlationId: uuidv7(), causationId: uuidv7(), idempotencyKey: 'k1', expectedRevision: null };
    const withdraw = { kind: 'withdraw' as const, causationEventId: 'e1', callbackId: 'cb1', reason: 'newer_visit', rule: 'R-CB-6' };
    const now = bed.clock.now().toISOString();
    for (const [stream, order] of [['callback-cb1', undefined], ['callback-cb2', 42]] as const) {
      await bed.eventStore.append(stream, [{ type: 'CallbackScheduled', data: { callbackId: 'cb1' }, metadata: { eventId: uuidv7(), schemaVersion: 1, occurredAt: now, recordedAt: now, actor: ctx.actor, dealerId: 'D1', correlationId: 'c', causationId: null } }], { expectedRevision: 'no_stream' });
      const state = (await bed.eventStore.readStream(stream)).reduce((s, e) => evolveCallback(s, e as unknown as CallbackEvent), initialCallbackState());
      const events = decideAdjustPlannedCallback(withdraw, state);
      await bed.eventStore.append(stream, commandEnvelopes(ctx, stream, events, { occurredAt: now, recordedAt: now, dealerId: 'D1', order }), { expectedRevision: 0 });
      const result = await bed.runner.run(ctx, {
        stream,
        initialState: initialCallbackState,
        evolve: (s: CallbackState, e: CallbackEvent) => evolveCallback(s, e),
        dealerId: 'D1',
        decide: (s) => decideAdjustPlannedCallback(withdraw, s),
      });
      expect(result.replayed).toBe(order === undefined);
      expect((await bed.eventStore.readStream(stream)).map((e) => e.type)).toEqual(['CallbackScheduled', 'CallbackCancelled']);
    }
  });

  it("re-reads a callback an agent claimed since the scheduler wrote it, and still withdraws it when a newer visit comes (R-CB-6)", async () => {
    const reaction = scheduleCallbacksWhenCareFactsChange({ eventStore: bed.eventStore, runner: bed.runner, clock: bed.clock });
    await bed.registerCustomer('c1');
    await bed.registerVehicle('c1');
    await bed.recordVisit('c1', '2026-03-09T10:00:00.000Z', 7400);
    await bed.react([reaction]);
    const lapsed = (await eventsOf(bed.eventStore, 'callback')).find((e) => e.type === 'CallbackScheduled' && e.data.type === 'lapsed')!;
    const callbackId = String(lapsed.data.callbackId);
    await claim(bed.runner, callbackId);
    await bed.recordVisit('c1', '2026-03-10T08:00:00.000Z', 7450);
    // The same scheduler goes on: it remembers the callback at revision 0, the claim made it 1.
    await bed.react([reaction]);
    const stream = await bed.eventStore.readStream(`callback-${callbackId}`);
    expect(stream.map((e) => e.type)).toEqual(['CallbackScheduled', 'CallbackClaimed', 'CallbackCancelled']);
    expect(stream[2].data).toMatchObject({ reason: 'newer_visit', rule: 'R-CB-6' });
  });

  it("re-reads a care plan another writer appended to (a call scheduled by hand), and decides on what it read", async () => {
    const reaction = scheduleCallbacksWhenCareFactsChange({ eventStore: bed.eventStore, runner: bed.runner, clock: bed.clock });
    await bed.registerCustomer('c1');
    await bed.registerVehicle('c1');
    await bed.react([reaction]);
    // Another writer (POST /callbacks adopting a manual call) moves the plan on behind the scheduler's back.
    const before = await bed.eventStore.readStream('careplan-c1');
    const foreign = { ...(before[before.length - 1].data as CarePlanRevised['data']), causationEventId: 'manual-1', causationType: 'CallbackScheduled', causePosition: before[before.length - 1].position + 1 };
    foreign.planned = []; foreign.withdrawn = []; foreign.rescheduled = []; foreign.reprioritized = []; foreign.skipped = []; foreign.closed = []; foreign.adopted = []; foreign.noted = {};
    await bed.eventStore.append('careplan-c1', [{ type: 'CarePlanRevised', data: foreign, metadata: { ...before[0].metadata, eventId: uuidv7() } }], { expectedRevision: before.length - 1 });
    await bed.recordVisit('c1', '2026-03-09T10:00:00.000Z', 7400);
    await bed.react([reaction]);
    const plan = await bed.eventStore.readStream('careplan-c1');
    expect(plan.map((e) => (e.data as { causationType: string }).causationType)).toEqual(['CustomerRegistered', 'VehicleRegistered', 'CallbackScheduled', 'VisitRecorded']);
    const scheduled = (await eventsOf(bed.eventStore, 'callback')).filter((e) => e.type === 'CallbackScheduled' && e.data.type === 'post_service');
    expect(scheduled).toHaveLength(1);
  });
});

async function claim(runner: CommandRunner, callbackId: string): Promise<void> {
  await runner.run(
    { actor: agent, correlationId: uuidv7(), causationId: null, idempotencyKey: null, expectedRevision: null },
    {
      stream: `callback-${callbackId}`,
      initialState: initialCallbackState,
      evolve: (s: CallbackState, e: CallbackEvent) => evolveCallback(s, e),
      dealerId: 'D1',
      decide: (): CallbackEvent[] => [{ type: 'CallbackClaimed', data: { callbackId, agentId: agent.id, claimedAt: '2026-03-10T09:00:00.000Z' } }],
    },
  );
}
