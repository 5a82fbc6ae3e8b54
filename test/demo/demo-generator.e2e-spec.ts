/**
 * The demo generator (issue #10) through the real all-in-one app: every fact is
 * appended by the contexts' own handlers and reactions, and the business facts
 * are the same for the same seed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SqliteEventStore } from '@aftercare/event-store';
import { loadConfig } from '@aftercare/platform';
import type { RecordedEvent } from '@aftercare/kernel';
import { dataDirIsEmpty, generateIntoDataDir } from '../../apps/cli/src/demo.command';

jest.setTimeout(600_000);

// A seed whose 12 customers include a major complaint with a goodwill compensation claim (customer 11).
const SET = { dealers: 1, customers: 12, years: 0.5, seed: 'e2e-268', end: '2026-06-01' };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function generate(): Promise<{ dir: string; events: RecordedEvent[]; result: Awaited<ReturnType<typeof generateIntoDataDir>> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-demo-'));
  dirs.push(dir);
  const config = loadConfig({ AFTERCARE_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const result = await generateIntoDataDir(SET, { config, stderr: sink });
  const store = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  await store.close();
  return { dir, events, result };
}

/** What the seed decides: the customer file's facts, without generated ids or record times. */
function businessFacts(events: RecordedEvent[]): string[] {
  return events
    .filter((e) => ['VehicleRegistered', 'VisitRecorded', 'AppointmentKept', 'AppointmentMissed', 'ComplaintInvestigated', 'ClaimSettled', 'MemberEnrolled'].includes(e.type))
    .map((e) => {
      const d = e.data as Record<string, unknown>;
      return e.type === 'VehicleRegistered' ? `${e.type} ${d.vin} ${d.model} ${d.deliveredAt}`
        : e.type === 'VisitRecorded' ? `${e.type} ${d.vin} ${d.occurredAt} ${d.odometerKm} ${d.type} ${d.amount}`
        : e.type === 'ComplaintInvestigated' ? `${e.type} ${d.rootCause}`
        : e.type;
    })
    .sort();
}

it('fills an empty data dir through the handlers: customers, vehicles, visits, appointments, complaints, a claim chain, club members, the callbacks the reactions plan, worked by agents', async () => {
  const first = await generate();
  const types = new Set(first.events.map((e) => e.type));
  for (const t of [
    'DealerRegistered', 'CustomerRegistered', 'VehicleRegistered', 'VisitRecorded', 'AppointmentBooked',
    'ComplaintReceived', 'ComplaintInvestigated', 'ComplaintResolved',
    'GoodwillCompensationApplied', 'ClaimStepApproved', 'ClaimSettled',
    'MemberEnrolled', 'CallbackScheduled', 'CallbackClaimed', 'CallbackAttemptRecorded',
  ]) {
    expect(types).toContain(t);
  }
  // R-GC-2: the whole sign-off chain, each step by its OEM role of the dealer's region.
  const approvals = first.events.filter((e) => e.type === 'ClaimStepApproved');
  expect(approvals.length).toBeGreaterThanOrEqual(5);
  expect(new Set(approvals.map((e) => e.metadata.actor.role))).toEqual(new Set(['oem_after_sales', 'regional_service_manager', 'oem_general_manager', 'product_liability', 'oem_leadership']));
  expect(first.result.refused).toEqual({});
  // The reactions' events count: more events than commands.
  const commands = Object.values(first.result.commands).reduce((s, n) => s + n, 0);
  expect(first.result.events).toBe(first.events.length);
  expect(first.result.events).toBeGreaterThan(commands);
  // Business time spread over the window, recorded by the simulated clock, never before it happened.
  const visits = first.events.filter((e) => e.type === 'VisitRecorded');
  const times = visits.map((e) => Date.parse(e.metadata.occurredAt));
  expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2025-12-01'));
  expect(Math.max(...times)).toBeLessThan(Date.parse(SET.end));
  for (const e of first.events) expect(Date.parse(e.metadata.occurredAt)).toBeLessThanOrEqual(Date.parse(e.metadata.recordedAt));
  // Every command ran as a dealer's staff member (or the admin for dealers), with a principal per role.
  const roles = new Set(first.events.map((e) => e.metadata.actor.role));
  expect(roles).toContain('service_advisor');
  expect(roles).toContain('callback_agent');
  expect(await dataDirIsEmpty(loadConfig({ AFTERCARE_DATA_DIR: first.dir }))).toBe(false);
  expect(JSON.parse(fs.readFileSync(path.join(first.dir, 'demo.json'), 'utf8')).events).toBe(first.result.events);

  // Deterministic by seed: the same customer-file facts again.
  const second = await generate();
  expect(businessFacts(second.events)).toEqual(businessFacts(first.events));
  expect(second.result.commands).toEqual(first.result.commands);
});
