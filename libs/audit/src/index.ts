/** What other contexts and hosts may import from the audit context. */
export { auditContext } from './audit.context';
export { AuditModule } from './audit.module';
export { defineAsOfKind, projectionAsOf } from './as-of/as-of-kind';
export type { AsOfKind } from './as-of/as-of-kind';
export { HashChainVerifier, verifyHistory } from './verify-history/hash-chain.verifier';
export type { BrokenLink, VerifyResult, VerifyProgress, VerifyOptions } from './verify-history/hash-chain.verifier';
export { sqliteEventsFile } from './verify-history/verify-history.service';
export { AuditTrailWorker, toTrailDoc } from './audit-trail/audit-trail.worker';
export { AUDIT_TRAIL } from './audit-trail/audit-trail.document';
export { toAuditEventView } from './audit-event.view';
export type { AuditEventView } from './audit-event.view';
