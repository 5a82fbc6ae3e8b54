import * as path from 'path';
import { MS_PER_DAY } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { CommandRunner } from '@aftercare/platform';
import { actors } from '../testing/complaint-history.fixture';
import { ComplaintsTestBed, openComplaintsTestBed } from '../testing/complaints-test-bed.fixture';
import { ReceiveComplaintCommand, ReceiveComplaintHandler } from '../receive-complaint/receive-complaint.handler';
import { EscalateComplaintCommand, EscalateComplaintHandler } from '../escalate-complaint/escalate-complaint.handler';
import { complaintStream } from '../domain/complaint.stream';
import { EscalateUnsolvedComplaintsWorker } from './escalate-unsolved-complaint.worker';

describe('the R-CP-3 deadline worker', () => {
  let bed: ComplaintsTestBed;
  const extraStores: SqliteEventStore[] = [];

  beforeEach(async () => {
    bed = await openComplaintsTestBed();
    await bed.registerCustomer('cust-wang', 'D1');
  });
  afterEach(async () => {
    for (const store of extraStores.splice(0)) await store.close();
    await bed.close();
  });

  const intake = async () =>
    (
      await new ReceiveComplaintHandler(bed.runner, bed.eventStore, bed.clock).execute(
        new ReceiveComplaintCommand(bed.ctx(actors.advisor), 'D1', {
          customerId: 'cust-wang', channel: 'phone', subject: 'repair_quality', description: 'noise is back', expectedResolution: 'fix it', severity: 'normal',
        }),
      )
    ).id;
  const worker = (process: { runner: CommandRunner; store: SqliteEventStore } = { runner: bed.runner, store: bed.eventStore }) =>
    new EscalateUnsolvedComplaintsWorker(bed.readModels, process.runner, process.store, bed.clock);
  /** A second process: its own connection to the same event file, its own CommandRunner. */
  const otherProcess = () => {
    const store = new SqliteEventStore({ file: path.join(bed.dir, 'events.sqlite') });
    extraStores.push(store);
    return { runner: new CommandRunner(store, bed.clock), store };
  };
  const escalationsOf = async (id: string) => (await bed.eventStore.readStream(complaintStream(id))).filter((e) => e.type === 'ComplaintEscalated');

  it('does nothing while the two days have not passed (R-CP-3)', async () => {
    await intake();
    await bed.caughtUp();
    bed.clock.advance(2 * MS_PER_DAY - 60_000);
    expect(await worker().tick()).toEqual({ due: 0, escalated: 0 });
  });

  it('escalates a complaint still open two days after it was taken, as the system (R-CP-3)', async () => {
    const id = await intake();
    await bed.caughtUp();
    bed.clock.advance(2 * MS_PER_DAY + 60_000);
    expect(await worker().tick()).toEqual({ due: 1, escalated: 1 });
    const [escalated] = await escalationsOf(id);
    expect(escalated.data).toEqual({ complaintId: id, reason: 'R-CP-3', escalatedTo: 'business_supervisor', rule: 'R-CP-3' });
    expect(escalated.metadata.actor).toMatchObject({ id: 'system', role: 'system' });
    await bed.caughtUp();
    expect(await worker().tick()).toEqual({ due: 0, escalated: 0 });
  });

  it('escalates exactly once when a restarted worker still sees the complaint as due (R-CP-3)', async () => {
    const id = await intake();
    await bed.caughtUp();
    // The read model stops here, as after a crash: it keeps showing the complaint as due.
    await bed.projections.stop();
    bed.clock.advance(3 * MS_PER_DAY);
    expect(await worker().tick()).toEqual({ due: 1, escalated: 1 });
    const restarted = worker(otherProcess());
    expect(await restarted.tick()).toEqual({ due: 1, escalated: 0 });
    expect(await escalationsOf(id)).toHaveLength(1);
  });

  it('escalates each complaint exactly once when two workers race on the same complaints (R-CP-3)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await intake());
    await bed.caughtUp();
    bed.clock.advance(2 * MS_PER_DAY + 1);
    const [a, b] = await Promise.all([worker().tick(), worker(otherProcess()).tick()]);
    expect(a.due).toBe(20);
    expect(b.due).toBe(20);
    expect(a.escalated + b.escalated).toBe(20);
    for (const id of ids) expect(await escalationsOf(id)).toHaveLength(1);
  });

  it('leaves a complaint the manager escalated by hand alone (R-CP-3)', async () => {
    const id = await intake();
    bed.clock.advance(MS_PER_DAY);
    await new EscalateComplaintHandler(bed.runner, bed.clock).execute(new EscalateComplaintCommand(bed.ctx(actors.manager), id, { reason: 'customer threatens to go to the press' }));
    await bed.caughtUp();
    bed.clock.advance(2 * MS_PER_DAY);
    expect(await worker().tick()).toEqual({ due: 0, escalated: 0 });
    expect((await escalationsOf(id)).map((e) => e.data.rule)).toEqual([null]);
  });
});
