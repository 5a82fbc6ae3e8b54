import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DomainError, FixedClock, type DomainEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { CommandRunner, type StreamDecision } from './command-runner';
import type { CommandContext } from './command-context';

type Counted = DomainEvent<'Counted', { n: number }>;

/** Appends `Counted { n: count + 1 }`: every decision depends on the state it read. */
const countOn = (stream: string, expected?: number): StreamDecision<number, Counted> => ({
  stream,
  initialState: () => 0,
  evolve: (count) => count + 1,
  dealerId: null,
  decide: (count) => {
    if (expected !== undefined && count !== expected) throw DomainError.conflict('TEST.STALE', `count is ${count}`);
    return [{ type: 'Counted', data: { n: count + 1 } }];
  },
});

const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
  actor: { id: 'u-1', role: 'admin', dealerId: null },
  correlationId: 'c-1',
  causationId: null,
  idempotencyKey: null,
  expectedRevision: null,
  ...over,
});

describe('CommandRunner: commands of one process on one stream', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-runner-'));
  let store: SqliteEventStore;
  let runner: CommandRunner;

  beforeEach(() => {
    store = new SqliteEventStore({ file: path.join(dir, `events-${Date.now()}-${Math.random()}.sqlite`) });
    runner = new CommandRunner(store, new FixedClock('2026-03-10T09:00:00Z'));
  });
  afterEach(() => store.close());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('queues them: 50 at once all succeed, each deciding on the state the one before left (no CONCURRENCY.TOO_MANY_CONFLICTS)', async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => runner.run(ctx(), countOn('counter-1'))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const events = await store.readStream('counter-1');
    expect(events.map((e) => e.data.n)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => (r as PromiseFulfilledResult<{ revision: number }>).value.revision)).size).toBe(50);
  });

  it('lets one that fails not block the next', async () => {
    const [stale, fine] = await Promise.allSettled([runner.run(ctx(), countOn('counter-2', 7)), runner.run(ctx(), countOn('counter-2'))]);
    expect(stale.status).toBe('rejected');
    expect(fine.status).toBe('fulfilled');
    expect((await store.readStream('counter-2')).map((e) => e.data.n)).toEqual([1]);
  });

  it('does not make another stream wait', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: StreamDecision<number, Counted> = { ...countOn('counter-3'), evolve: (c) => c + 1 };
    // A command on counter-3 held inside the store read; one on counter-4 goes through meanwhile.
    const read = store.readStream.bind(store);
    jest.spyOn(store, 'readStream').mockImplementation(async (stream, options) => {
      if (stream === 'counter-3') await gate;
      return read(stream, options);
    });
    const held = runner.run(ctx(), slow);
    await expect(runner.run(ctx(), countOn('counter-4'))).resolves.toMatchObject({ revision: 0 });
    release();
    await expect(held).resolves.toMatchObject({ revision: 0 });
  });

  it('still answers a stale If-Match with 412 after waiting its turn', async () => {
    await runner.run(ctx(), countOn('counter-5'));
    const both = await Promise.allSettled([runner.run(ctx({ expectedRevision: 0 }), countOn('counter-5')), runner.run(ctx({ expectedRevision: 0 }), countOn('counter-5'))]);
    expect(both.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((both[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'PRECONDITION_FAILED' });
  });
});
