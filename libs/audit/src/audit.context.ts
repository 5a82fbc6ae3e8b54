import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { defineContext, LOGGER, PROJECTOR_READ_STORE, type ContextDefinition } from '@aftercare/platform';
import type { ReadStore } from '@aftercare/read-store';
import type { AsOfKind } from './as-of/as-of-kind';
import { AuditModule } from './audit.module';
import { AuditTrailWorker } from './audit-trail/audit-trail.worker';

/**
 * DOMAIN.md "Audit": read any stream's history, rebuild any record as it was at a
 * past instant, verify history has not been altered. `asOf` lists the record
 * kinds the contexts register (each context exports its own, beside its read model).
 */
export function auditContext(options: { asOf: readonly AsOfKind[] }): ContextDefinition {
  const kinds = new Set<string>();
  for (const k of options.asOf) {
    if (kinds.has(k.kind)) throw new Error(`as-of kind "${k.kind}" is registered twice`);
    kinds.add(k.kind);
  }
  return defineContext({
    name: 'audit',
    module: AuditModule.forKinds(options.asOf),
    workers: [
      (get) => {
        const logger = get<{ error(obj: object, msg: string): void }>(LOGGER);
        return new AuditTrailWorker(get<EventStore>(EVENT_STORE), get<ReadStore>(PROJECTOR_READ_STORE), (err) => logger.error({ err }, 'audit trail worker failed; retrying'));
      },
    ],
  });
}
