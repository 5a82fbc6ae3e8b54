import type { RecordedEvent } from '@aftercare/kernel';
import type { ClaimEvent, StepStamp } from '../../domain/claim.events';
import { awaitingSteps, evolveProgress, isRequiredNow, statusOf } from '../../domain/claim-progress';
import { flowStep } from '../../domain/claim.flows';
import type { ClaimDetailsDoc, ClaimStepEntry } from './claim-details.document';

type Recorded = RecordedEvent & ClaimEvent;

function entry(stamp: StepStamp, decision: ClaimStepEntry['decision'], comment: string | null, rule: string | null, implicit = false): ClaimStepEntry {
  return {
    step: stamp.step, decision, actorId: stamp.actorId, role: stamp.role, at: stamp.at, comment,
    claimRevision: stamp.claimRevision, contentHash: stamp.contentHash, seenRevision: stamp.seenRevision, rule,
    ...(implicit ? { implicit: true as const } : {}),
  };
}

/**
 * `claim-details` as a pure function of the previous document and one event: the
 * projection stores its result, GET /claims/{id}?asOf folds the stream with it. The
 * chain's order, the status and what waits come from the domain's ClaimProgress.
 */
export function evolveClaimDetails(doc: ClaimDetailsDoc | null, recorded: RecordedEvent): ClaimDetailsDoc | null {
  const event = recorded as Recorded;
  const at = recorded.metadata.recordedAt;
  let next: ClaimDetailsDoc;
  switch (event.type) {
    case 'GoodwillCompensationApplied':
    case 'GoodwillWarrantyRequested': {
      const d = event.data;
      const compensation = event.type === 'GoodwillCompensationApplied' ? event.data : null;
      const warranty = event.type === 'GoodwillWarrantyRequested' ? event.data : null;
      next = {
        _id: d.claimId,
        id: d.claimId,
        type: d.type,
        status: 'in_approval',
        dealerId: d.dealerId,
        region: d.region,
        complaintId: compensation?.complaintId ?? null,
        customerId: d.customerId,
        vin: d.vin,
        amount: compensation?.amount ?? null,
        currency: compensation?.currency ?? null,
        breakdown: compensation?.breakdown ?? null,
        failureDescription: warranty?.failureDescription ?? null,
        eligibility: warranty?.eligibility ?? null,
        claimRevision: d.claimRevision,
        contentHash: d.contentHash,
        progress: evolveProgress(null, event)!,
        awaiting: [],
        steps: [entry(d, 'submitted', null, compensation ? 'R-GC-2' : 'R-GW-1')],
        rounds: [],
        waiver: null,
        advancePayments: [],
        vehicleVerification: null,
        technicalAssessment: null,
        materials: { requested: null, documents: [], submitted: null },
        settlement: null,
        refusal: null,
        handedBack: null,
        createdAt: d.at,
        updatedAt: at,
        revision: recorded.revision,
      };
      break;
    }
    default: {
      if (!doc) return null;
      next = { ...doc, progress: evolveProgress(doc.progress, event) ?? doc.progress, updatedAt: at, revision: recorded.revision };
      if ('contentHash' in event.data) next.contentHash = event.data.contentHash;
      apply(next, event, recorded.revision);
    }
  }
  next.status = statusOf(next.progress);
  const before = new Map((doc?.awaiting ?? []).map((a) => [a.step, a.since]));
  next.awaiting = awaitingSteps(next.progress).map((s) => ({
    step: s.step, roles: [...s.roles], since: before.get(s.step) ?? at, ...(isRequiredNow(s, next.progress) ? {} : { optional: true as const }),
  }));
  return next;
}

function apply(doc: ClaimDetailsDoc, event: Recorded, revision: number): void {
  switch (event.type) {
    case 'ClaimStepApproved':
      doc.steps = [...doc.steps, entry(event.data, 'approve', event.data.comment, event.data.rule)];
      return;
    case 'ClaimStepRejected':
      doc.steps = [...doc.steps, entry(event.data, 'reject', event.data.comment, event.data.rule)];
      return;
    case 'ClaimRevised': {
      const d = event.data;
      // The round that ends: kept whole in the history; the steps that still hold
      // (not reset, not the one revised) carry over into the new round.
      doc.rounds = [
        ...doc.rounds,
        {
          claimRevision: doc.claimRevision,
          amount: doc.amount,
          currency: doc.currency,
          breakdown: doc.breakdown,
          contentHash: d.previousContentHash,
          outcome: d.rejectedStep ? 'rejected' : 'superseded',
          rejectedStep: d.rejectedStep,
          closedAt: d.at,
          closedBy: d.actorId,
          steps: doc.steps,
        },
      ];
      const carried = doc.steps.filter((s) => !d.resetSteps.includes(s.step) && s.step !== d.step);
      doc.steps = [...carried, entry(d, 'submitted', d.comment, doc.type === 'goodwill_compensation' ? 'R-GC-2' : 'R-GW-2')];
      doc.claimRevision = d.claimRevision;
      doc.amount = d.amount;
      doc.currency = d.currency;
      if (d.breakdown) doc.breakdown = d.breakdown;
      return;
    }
    // R-GC-1 beside the chain: in steps[] like every other step. Events written before
    // they carried seenRevision were decided on the revision just before them.
    case 'WaiverSigned': {
      const d = event.data;
      doc.waiver = { documentRef: d.documentRef, signedAt: d.signedAt, signedBy: { actorId: d.actorId, role: d.role, at: d.at }, confirmed: null };
      doc.steps = [...doc.steps, entry({ ...d, step: 'waiver_signing', seenRevision: d.seenRevision ?? revision - 1 }, 'done', null, d.rule)];
      return;
    }
    case 'WaiverConfirmed': {
      const d = event.data;
      if (doc.waiver) doc.waiver = { ...doc.waiver, confirmed: { actorId: d.actorId, role: d.role, at: d.at, comment: d.comment } };
      doc.steps = [...doc.steps, entry({ ...d, step: 'waiver_confirmation', seenRevision: d.seenRevision ?? revision - 1 }, 'done', d.comment, d.rule)];
      return;
    }
    case 'AdvancePaymentRecorded': {
      const d = event.data;
      doc.advancePayments = [...doc.advancePayments, { amount: d.amount, currency: d.currency, paidAt: d.paidAt, actorId: d.actorId, role: d.role, at: d.at, waiverConfirmedAt: d.waiverConfirmedAt }];
      return;
    }
    case 'VehicleVerified':
      doc.vehicleVerification = { findings: event.data.findings, actorId: event.data.actorId, at: event.data.at };
      doc.steps = [...doc.steps, entry(event.data, 'done', event.data.findings, 'R-GW-2')];
      return;
    case 'TechnicalAssessmentMade': {
      const d = event.data;
      doc.technicalAssessment = { qualityIssue: d.qualityIssue, naturalDisaster: d.naturalDisaster, findings: d.findings, actorId: d.actorId, at: d.at };
      doc.steps = [...doc.steps, entry(d, 'done', d.findings, 'R-GW-1')];
      return;
    }
    case 'ClaimRefused':
      doc.refusal = { code: event.data.code, reason: event.data.reason, rule: event.data.rule, at: event.data.at };
      return;
    case 'ClaimHandedBackToComplaintHandling':
      doc.handedBack = { to: event.data.handedBackTo, reason: event.data.reason, at: event.data.at };
      return;
    case 'ApprovalFormFilled':
      doc.amount = event.data.amount;
      doc.currency = event.data.currency;
      doc.steps = [...doc.steps, entry(event.data, 'done', null, 'R-GW-2')];
      return;
    case 'ClaimArchived':
      doc.steps = [...doc.steps, entry(event.data, 'done', event.data.comment, flowStep(doc.type, 'archive')?.rule ?? null, event.data.implicit === true)];
      return;
    case 'MaterialsRequested': {
      const d = event.data;
      doc.materials = { ...doc.materials, requested: { kinds: d.kinds, note: d.note, actorId: d.actorId, role: d.role, at: d.at } };
      doc.steps = [...doc.steps, entry(d, 'done', d.note, 'R-GC-3')];
      return;
    }
    case 'MaterialsSubmitted': {
      const d = event.data;
      doc.materials = { ...doc.materials, documents: [...doc.materials.documents, ...d.documents], submitted: { actorId: d.actorId, role: d.role, at: d.at } };
      doc.steps = [...doc.steps, entry(d, 'done', null, 'R-GC-3')];
      return;
    }
    case 'ClaimResultNotified':
      doc.steps = [...doc.steps, entry(event.data, 'done', event.data.comment, 'R-GW-2', event.data.implicit === true)];
      return;
    case 'ClaimSettled': {
      const d = event.data;
      doc.settlement = {
        amount: d.amount, currency: d.currency, approvedAmount: d.approvedAmount, advancedByDealer: d.advancedByDealer, paidAs: d.paidAs,
        countsInPerVehicleClaimCost: d.countsInPerVehicleClaimCost, actorId: d.actorId, role: d.role, at: d.at, rule: d.rule,
      };
      doc.steps = [...doc.steps, entry(d, 'done', null, d.rule)];
      return;
    }
    default:
      return;
  }
}
