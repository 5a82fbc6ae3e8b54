import type { RecordedEvent } from '@aftercare/kernel';
import { defineProjection, ProjectionContext } from '@aftercare/projections';
import { CLAIM_EVENT_TYPES, ClaimEvent } from '../../domain/claim.events';
import { evolveProgress, requiredAwaitingSteps, statusOf } from '../../domain/claim-progress';
import { CLAIM_WORKLIST, CLAIM_WORKLIST_CLAIMS, ClaimWorkItemDoc, ClaimWorklistClaimDoc } from './claim-worklist.document';

async function apply(recorded: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const event = recorded as RecordedEvent & ClaimEvent;
  const claims = ctx.collection<ClaimWorklistClaimDoc>(CLAIM_WORKLIST_CLAIMS);
  const items = ctx.collection<ClaimWorkItemDoc>(CLAIM_WORKLIST);
  const claimId = event.data.claimId;
  let claim: ClaimWorklistClaimDoc | null;
  if (event.type === 'GoodwillCompensationApplied' || event.type === 'GoodwillWarrantyRequested') {
    const d = event.data;
    claim = {
      _id: claimId, type: d.type, dealerId: d.dealerId, region: d.region, customerId: d.customerId,
      complaintId: event.type === 'GoodwillCompensationApplied' ? event.data.complaintId : null,
      amount: event.type === 'GoodwillCompensationApplied' ? event.data.amount : null,
      currency: event.type === 'GoodwillCompensationApplied' ? event.data.currency : null,
      claimRevision: d.claimRevision, progress: evolveProgress(null, event)!, since: {},
    };
  } else {
    claim = await claims.findOne({ _id: claimId });
    if (!claim) return;
    claim = { ...claim, progress: evolveProgress(claim.progress, event) ?? claim.progress };
    if (event.type === 'ClaimRevised') claim = { ...claim, amount: event.data.amount, currency: event.data.currency, claimRevision: event.data.claimRevision };
    if (event.type === 'ApprovalFormFilled') claim = { ...claim, amount: event.data.amount, currency: event.data.currency };
  }
  // Optional steps (claim.flows.ts) hold nothing back: they are on no one's list.
  const awaiting = requiredAwaitingSteps(claim.progress);
  const at = recorded.metadata.recordedAt;
  claim.since = Object.fromEntries(awaiting.map((s) => [s.step, claim!.since[s.step] ?? at]));
  await claims.replaceOne({ _id: claimId }, claim, { upsert: true });

  const status = statusOf(claim.progress);
  const wanted = new Map<string, ClaimWorkItemDoc>();
  for (const step of awaiting) {
    for (const role of step.roles) {
      const item: ClaimWorkItemDoc = {
        _id: `${claimId}:${step.step}:${role}`, claimId, type: claim.type, step: step.step, label: step.label, role, rule: step.rule,
        dealerId: claim.dealerId, region: claim.region, customerId: claim.customerId, complaintId: claim.complaintId, status,
        amount: claim.amount, currency: claim.currency, claimRevision: claim.claimRevision, since: claim.since[step.step],
      };
      wanted.set(item._id, item);
    }
  }
  // Most events move a claim one step on: write only the items that changed.
  const current = new Map((await items.find({ claimId })).map((i) => [i._id, i]));
  for (const [id, item] of wanted) {
    const was = current.get(id);
    if (!was || JSON.stringify(was) !== JSON.stringify(item)) await items.replaceOne({ _id: id }, item, { upsert: true });
  }
  for (const id of current.keys()) if (!wanted.has(id)) await items.deleteOne({ _id: id });
}

/**
 * `claim-worklist`: per role, the claim steps waiting for it, with when each started
 * waiting (so a query orders oldest first and states the age as of any instant).
 * Derived from the domain's ClaimProgress, the same order the deciders enforce
 * (R-GC-2, R-GW-2); only the steps the chain waits for (not the optional ones);
 * scope fields (dealer, region) ride on every item. Version 2: optional steps left
 * out; an approved goodwill compensation waits for its settlement.
 */
export const claimWorklistProjection = defineProjection({
  name: 'claim-worklist',
  version: 2,
  collections: {
    [CLAIM_WORKLIST]: [
      { fields: { role: 1, since: 1 } },
      { fields: { role: 1, dealerId: 1, since: 1 } },
      { fields: { role: 1, region: 1, since: 1 } },
      { fields: { claimId: 1 } },
    ],
    [CLAIM_WORKLIST_CLAIMS]: [],
  },
  handlers: Object.fromEntries(CLAIM_EVENT_TYPES.map((type) => [type, apply])),
});
