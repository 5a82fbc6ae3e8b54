import type { RecordedEvent } from '@aftercare/kernel';
import { approve, applyCompensation, approvedCompensation, recorded, reject, run, step, warrantyWithForm } from '../../testing/claim-history.fixture';
import type { ClaimDetailsDoc } from './claim-details.document';
import { evolveClaimDetails } from './claim-details.reducer';

const fold = (events: RecordedEvent[]) => events.reduce<ClaimDetailsDoc | null>(evolveClaimDetails, null)!;
const atHour = (i: number) => new Date(Date.parse('2026-03-10T09:00:00.000Z') + i * 3_600_000).toISOString();

describe('the claim-details read model', () => {
  it('keeps a rejected round whole in the history and starts the next with the revision (R-GC-2)', () => {
    const events = run([
      applyCompensation(),
      approve('oem_after_sales'),
      reject('regional_service_manager', 'receipt missing'),
      { kind: 'ReviseClaim', ...step('service_director'), amount: 11000, currency: null, breakdown: [{ kind: 'repair', description: 'engine', amount: 11000 }], comment: 'hotel removed' },
    ]);
    const doc = fold(recorded(events));
    expect(doc.rounds).toHaveLength(1);
    expect(doc.rounds[0]).toMatchObject({ claimRevision: 1, amount: 12000, outcome: 'rejected', rejectedStep: 'regional_sign_off' });
    expect(doc.rounds[0].steps.map((s) => `${s.step}:${s.decision}`)).toEqual(['application:submitted', 'after_sales_sign_off:approve', 'regional_sign_off:reject']);
    expect(doc.steps).toEqual([expect.objectContaining({ step: 'application', decision: 'submitted', claimRevision: 2, comment: 'hotel removed' })]);
    expect(doc).toMatchObject({ status: 'in_approval', amount: 11000, claimRevision: 2, awaiting: [{ step: 'after_sales_sign_off', roles: ['oem_after_sales'] }] });
  });

  it('carries the review, verification and assessment into a revised warranty round, not the old form or signatures (R-GW-2)', () => {
    const events = run(
      [approve('field_service_rep'), reject('field_technical_manager', 'labour hours too high'), { kind: 'ReviseClaim', ...step('service_director'), amount: 4200, currency: null, breakdown: null, comment: null }],
      warrantyWithForm(),
    );
    const doc = fold(recorded(events));
    expect(doc.rounds[0].steps.map((s) => s.step)).toEqual([
      'request', 'director_review', 'vehicle_verification', 'technical_assessment', 'approval_form', 'field_service_rep_sign_off', 'technical_manager_sign_off',
    ]);
    expect(doc.steps.map((s) => `${s.step}:${s.claimRevision}`)).toEqual(['request:1', 'director_review:1', 'vehicle_verification:1', 'technical_assessment:1', 'approval_form:2']);
    expect(doc.amount).toBe(4200);
    expect(doc.awaiting.map((a) => a.step)).toEqual(['technical_manager_sign_off', 'field_service_rep_sign_off']);
  });

  it('remembers since when each step has waited', () => {
    const events = run([applyCompensation(), approve('oem_after_sales')]);
    const doc = fold(recorded(events, { at: atHour }));
    expect(doc.awaiting).toEqual([{ step: 'regional_sign_off', roles: ['regional_service_manager'], since: atHour(1) }]);
    const both = fold(recorded(warrantyWithForm(), { at: atHour }));
    expect(both.awaiting.map((a) => a.since)).toEqual([atHour(4), atHour(4)]);
  });

  it('shows the waiver signing and its confirmation in steps[] like every other step (R-GC-1)', () => {
    const events = run([
      applyCompensation(),
      { kind: 'SignWaiver', ...step('service_director', { id: 'sd-li' }), documentRef: 'W-1', signedAt: '2026-03-10T08:00:00.000Z' },
      { kind: 'ConfirmWaiver', ...step('oem_after_sales', { id: 'as-qian' }), comment: 'signed copy checked' },
    ]);
    const doc = fold(recorded(events));
    expect(doc.steps.slice(1)).toEqual([
      { step: 'waiver_signing', decision: 'done', actorId: 'sd-li', role: 'service_director', at: '2026-03-10T09:00:00.000Z', comment: null, claimRevision: 1, contentHash: events[1].data.contentHash, seenRevision: 0, rule: 'R-GC-1' },
      { step: 'waiver_confirmation', decision: 'done', actorId: 'as-qian', role: 'oem_after_sales', at: '2026-03-10T09:00:00.000Z', comment: 'signed copy checked', claimRevision: 1, contentHash: events[2].data.contentHash, seenRevision: 1, rule: 'R-GC-1' },
    ]);
    expect(doc.steps[1].contentHash).not.toBe(doc.steps[0].contentHash);
    // Written before waiver events carried seenRevision: the revision before the event.
    const legacy = recorded(events).map((e) => (e.type === 'WaiverSigned' ? { ...e, data: { ...e.data, seenRevision: undefined } } : e));
    expect(fold(legacy).steps[1].seenRevision).toBe(0);
  });

  it('marks the optional steps in awaiting and the implicit archive in steps[] (R-GC-3)', () => {
    const approved = approvedCompensation();
    expect(fold(recorded(approved)).awaiting.map((a) => [a.step, a.optional ?? false])).toEqual([
      ['archive', true], ['materials_request', true], ['materials_submission', true], ['settlement', false],
    ]);
    const settled = fold(recorded(run([{ kind: 'SettleClaim', ...step('product_liability', { id: 'pl-zhao' }), amount: 12000 }], approved)));
    expect(settled.status).toBe('settled');
    expect(settled.awaiting).toEqual([]);
    expect(settled.steps.slice(-2)).toEqual([
      expect.objectContaining({ step: 'archive', decision: 'done', actorId: 'pl-zhao', role: 'product_liability', implicit: true, rule: 'R-GC-3' }),
      expect.objectContaining({ step: 'settlement', decision: 'done', actorId: 'pl-zhao', role: 'product_liability', rule: 'R-GC-3' }),
    ]);
    expect(settled.steps.at(-1)).not.toHaveProperty('implicit');
  });
});
