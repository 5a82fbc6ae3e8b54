/**
 * Claim histories for decider specs, made by the deciders themselves (so every
 * content hash in them is the real one): `run(commands)` decides each command on the
 * state the previous ones left and returns all events.
 */
import { deciderSpec, type Actor, type RecordedEvent, type Role } from '@aftercare/kernel';
import type { ClaimEvent } from '../domain/claim.events';
import { ClaimState, evolveClaim, initialClaimState } from '../domain/claim.state';
import type { ClaimCommand } from '../claim-commands';
import { decideClaim } from '../claim.decider';
import type { ApplyGoodwillCompensation } from '../apply-goodwill-compensation/apply-goodwill-compensation.command';
import type { RequestGoodwillWarranty } from '../request-goodwill-warranty/request-goodwill-warranty.command';
import type { ClaimStepCommand } from '../domain/claim-step';

export const CLAIM_ID = 'claim-1';
export const NOW = '2026-03-10T09:00:00.000Z';

export function actor(role: Role, options: { dealerId?: string; region?: string; id?: string } = {}): Actor {
  const dealer = ['service_advisor', 'callback_agent', 'customer_service_manager', 'business_supervisor', 'service_director', 'dealer_general_manager'].includes(role);
  return { id: options.id ?? `${role}-1`, role, dealerId: dealer ? (options.dealerId ?? 'D1') : null, region: dealer ? null : (options.region ?? 'east') };
}

/** Fields every step command carries; seenRevision is the number of events so far minus one. */
export function step(role: Role, options: { dealerId?: string; region?: string; id?: string; at?: string } = {}): Omit<ClaimStepCommand, 'seenRevision'> {
  return { claimId: CLAIM_ID, by: actor(role, options), at: options.at ?? NOW };
}

export function applyCompensation(over: Partial<ApplyGoodwillCompensation> = {}): ApplyGoodwillCompensation {
  return {
    kind: 'ApplyGoodwillCompensation',
    claimId: CLAIM_ID,
    by: actor('service_director'),
    at: NOW,
    complaintId: 'complaint-1',
    complaint: { complaintId: 'complaint-1', dealerId: 'D1', customerId: 'cust-1', vin: 'LSVAU2180N2183294', severity: 'major' },
    dealerRegion: 'east',
    amount: 12000,
    currency: 'CNY',
    breakdown: [
      { kind: 'customer_loss', description: 'towing and a rental car for the days the car stood', amount: 2000 },
      { kind: 'repair', description: 'engine repair', amount: 10000 },
    ],
    ...over,
  };
}

export function requestWarranty(over: Partial<RequestGoodwillWarranty> = {}): RequestGoodwillWarranty {
  return {
    kind: 'RequestGoodwillWarranty',
    claimId: CLAIM_ID,
    by: actor('service_advisor'),
    at: NOW,
    customerId: 'cust-1',
    vin: 'LSVAU2180N2183294',
    failureDescription: 'gearbox judders when cold',
    customer: { customerId: 'cust-1', dealerId: 'D1', sensitiveKinds: ['media'] },
    vehicle: { vin: 'LSVAU2180N2183294', customerId: 'cust-1', dealerId: 'D1', warrantyEndsAt: '2026-01-01T00:00:00.000Z', warrantyKm: 40000, lastOdometerKm: 38000 },
    dealerRegion: 'east',
    ...over,
  };
}

type WithoutSeen<C> = C extends ClaimStepCommand ? Omit<C, 'seenRevision'> : C;
/** A command as a spec writes it: `run` fills in seenRevision. */
export type Pending = WithoutSeen<ClaimCommand>;

/** Decides the commands in turn; step commands get the seenRevision of the events before them. */
export function run(commands: (Pending | ClaimCommand)[], given: ClaimEvent[] = []): ClaimEvent[] {
  const events = [...given];
  let state = fold(events);
  for (const c of commands) {
    const command = ('seenRevision' in c || c.kind === 'ApplyGoodwillCompensation' || c.kind === 'RequestGoodwillWarranty' ? c : { ...c, seenRevision: events.length - 1 }) as ClaimCommand;
    const produced = decideClaim(command, state);
    for (const e of produced) state = evolveClaim(state, e);
    events.push(...produced);
  }
  return events;
}

export function fold(events: ClaimEvent[]): ClaimState {
  return events.reduce(evolveClaim, initialClaimState());
}

export const approve = (role: Role, options: Parameters<typeof step>[1] = {}, comment: string | null = null): Pending => ({
  kind: 'SignOffClaim', ...step(role, options), decision: 'approve', comment, seenContentHash: null,
});
export const reject = (role: Role, comment: string, options: Parameters<typeof step>[1] = {}): Pending => ({
  kind: 'SignOffClaim', ...step(role, options), decision: 'reject', comment, seenContentHash: null,
});

/** R-GC-2's five sign-offs, in order. */
export const COMPENSATION_SIGN_OFFS: Role[] = ['oem_after_sales', 'regional_service_manager', 'oem_general_manager', 'product_liability', 'oem_leadership'];

/** A goodwill compensation claim approved by every sign-off. */
export const spec = deciderSpec<ClaimCommand, ClaimState, ClaimEvent>({ decide: decideClaim, evolve: evolveClaim, initialState: initialClaimState });

/** A step command completed with the seenRevision of a history. */
export function at<C extends Pending>(history: ClaimEvent[], command: C): C & { seenRevision: number } {
  return { ...command, seenRevision: history.length - 1 };
}

export function approvedCompensation(): ClaimEvent[] {
  return run([applyCompensation(), ...COMPENSATION_SIGN_OFFS.map((r) => approve(r))]);
}

/** A goodwill warranty claim with its approval form filled (waiting for the two signatures). */
export function warrantyWithForm(amount = 4800): ClaimEvent[] {
  return run([
    requestWarranty(),
    approve('service_director'),
    { kind: 'VerifyVehicle', ...step('field_service_rep'), findings: 'judder reproduced on a cold start' },
    { kind: 'AssessFailure', ...step('field_technical_manager'), qualityIssue: true, naturalDisaster: false, findings: 'clutch pack defect' },
    { kind: 'FillApprovalForm', ...step('service_director'), amount, currency: null },
  ]);
}

/** Domain events as the store hands them to projections: envelope, stream revision, position. */
export function recorded(events: { type: string; data: object }[], options: { claimId?: string; from?: number; at?: (i: number) => string; dealerId?: string } = {}): RecordedEvent[] {
  const claimId = options.claimId ?? CLAIM_ID;
  return events.map((e, i) => {
    const at = options.at?.(i) ?? (e.data as { at?: string }).at ?? NOW;
    return {
      type: e.type,
      data: { ...(e.data as Record<string, unknown>), ...(claimId !== CLAIM_ID && 'claimId' in e.data ? { claimId } : {}) },
      streamId: `claim-${claimId}`,
      revision: i,
      position: (options.from ?? 0) + i + 1,
      metadata: {
        eventId: `${claimId}-${i}`, schemaVersion: 1, occurredAt: at, recordedAt: at, actor: { id: 'x', role: 'service_director' },
        dealerId: options.dealerId ?? 'D1', correlationId: 'c', causationId: null,
      },
    };
  });
}
