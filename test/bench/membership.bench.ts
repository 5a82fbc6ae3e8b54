/**
 * The owners' club on the embedded sqlite store, in process:
 *   membership_visit_reaction_eps  VisitRecorded handled by the points reaction (read member
 *                                  stream + segment stream, decide, append PointsEarned ± tier change)
 *   membership_redeem_p50/p99_ms   a redemption through the CommandRunner on a member with
 *                                  BENCH_MEMBER_LOTS lots (FIFO over the lots, R-MB-2)
 *   BENCH_MEMBERS=500 BENCH_MEMBER_VISITS=5000 npm run bench -- membership
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FixedClock, SYSTEM_ACTOR, uuidv7, type NewEvent, type RecordedEvent } from '@aftercare/kernel';
import { SqliteEventStore } from '@aftercare/event-store';
import { CommandRunner, type CommandContext } from '@aftercare/platform';
import { memberIdFor } from '../../libs/membership/src/domain/member.stream';
import { onMember } from '../../libs/membership/src/member-stream.decision';
import { decideEnrolMember } from '../../libs/membership/src/enrol-member/enrol-member.command';
import { decideRedeemPoints } from '../../libs/membership/src/redeem-points/redeem-points.command';
import { earnPointsWhenVisitRecorded } from '../../libs/membership/src/earn-points/earn-points-when-visit-recorded.reaction';
import { percentile, type BenchSuite } from './bench-suite';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 500);
const VISITS = Number(process.env.BENCH_MEMBER_VISITS ?? 5_000);
const LOTS = Number(process.env.BENCH_MEMBER_LOTS ?? 200);
const REDEMPTIONS = Number(process.env.BENCH_MEMBER_REDEMPTIONS ?? 1_000);

const advisor = { id: 'sa-bench', role: 'service_advisor' as const, dealerId: 'D1' };
const ctx = (): CommandContext => ({ actor: advisor, correlationId: uuidv7(), causationId: null, idempotencyKey: null, expectedRevision: null });

function visitEvent(customerId: string, i: number, at: string): NewEvent {
  return {
    type: 'VisitRecorded',
    data: { visitId: `v${i}`, vin: `VIN${customerId}`, customerId, dealerId: 'D1', occurredAt: at, recordedAt: at, odometerKm: i, type: 'minor_repair', amount: 100 + (i % 900), customerPaid: true, advisorId: 'sa-bench', lateFile: false },
    metadata: { eventId: uuidv7(), schemaVersion: 1, occurredAt: at, recordedAt: at, actor: SYSTEM_ACTOR, dealerId: 'D1', correlationId: uuidv7(), causationId: null },
  };
}

export const suite: BenchSuite = {
  name: 'membership',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-membership-'));
    const store = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    const clock = new FixedClock('2026-03-01T09:00:00.000Z');
    const runner = new CommandRunner(store, clock);
    try {
      const enrol = (customerId: string) => {
        const memberId = memberIdFor(customerId);
        const at = clock.now().toISOString();
        return runner.run(ctx(), onMember({ memberId, at }, (s) => decideEnrolMember({ memberId, customerId, by: advisor, at, customerDealerId: 'D1', paidVisits: [], loyaltySegment: 'regular' }, s), { mustExist: false, dealerId: 'D1' }));
      };
      for (let m = 0; m < MEMBERS; m++) await enrol(`c${m}`);
      clock.advance(60_000);

      // Visits appended first (as the customer file would), then handed to the reaction in log order.
      const at = clock.now().toISOString();
      for (let i = 0; i < VISITS; i += 100) {
        for (let j = i; j < Math.min(VISITS, i + 100); j++) await store.append(`vehicle-VINc${j % MEMBERS}`, [visitEvent(`c${j % MEMBERS}`, j, at)], { expectedRevision: 'any' });
      }
      const visits: RecordedEvent[] = [];
      for await (const e of store.readAll()) if (e.type === 'VisitRecorded') visits.push(e);
      const reaction = earnPointsWhenVisitRecorded({ eventStore: store, runner });
      const started = process.hrtime.bigint();
      for (const v of visits) await reaction.handlers.VisitRecorded(v);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;

      // One member with many lots, then redemptions of 1 point each.
      const rich = 'c-rich';
      await enrol(rich);
      clock.advance(60_000);
      for (let i = 0; i < LOTS; i++) {
        await store.append(`vehicle-VINrich`, [visitEvent(rich, VISITS + i, clock.now().toISOString())], { expectedRevision: 'any' });
        const [e] = await store.readStream('vehicle-VINrich', { from: i, limit: 1 });
        await reaction.handlers.VisitRecorded(e);
      }
      const memberId = memberIdFor(rich);
      const latencies: number[] = [];
      for (let i = 0; i < REDEMPTIONS; i++) {
        const t = process.hrtime.bigint();
        const now = clock.now().toISOString();
        await runner.run(ctx(), onMember({ memberId, at: now }, (s) => decideRedeemPoints({ memberId, by: advisor, at: now, recordedAt: now, points: 1, reward: 'bench' }, s)));
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      return {
        membership_visit_reaction_eps: { value: visits.length / seconds, unit: 'visits/s', better: 'higher', note: `${visits.length} visits, ${MEMBERS} members, sqlite, one reaction in process` },
        membership_redeem_p50_ms: { value: percentile(latencies, 50), unit: 'ms', better: 'lower', note: `${REDEMPTIONS} redemptions on a member with ${LOTS} lots (stream grows with each)` },
        membership_redeem_p99_ms: { value: percentile(latencies, 99), unit: 'ms', better: 'lower' },
      };
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
