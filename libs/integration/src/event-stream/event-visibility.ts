import { DomainError, type RecordedEvent } from '@aftercare/kernel';
import type { Principal, ScopeService } from '@aftercare/platform';
import { PUBLIC_EVENT_TYPES } from '../event-catalogue/public-events.catalogue';

/** The types asked for, all public ones by default; a type outside the public catalogue is a 400 EVENTS.UNKNOWN_TYPE. */
export function eventTypesOf(asked: string[] | undefined): string[] {
  if (!asked || asked.length === 0) return [...PUBLIC_EVENT_TYPES];
  const unknown = asked.filter((t) => !PUBLIC_EVENT_TYPES.includes(t));
  if (unknown.length > 0) {
    throw DomainError.invalid('EVENTS.UNKNOWN_TYPE', `not in the public catalogue: ${unknown.join(', ')}`, [{ field: 'types', message: `unknown: ${unknown.join(', ')}` }]);
  }
  return asked;
}

/** Scope rules of API.md "Conventions", fixed when the stream opens; OEM-wide events go to roles that read everything. */
export async function visibleEvents(scope: ScopeService, caller: Principal, dealerId: string | undefined): Promise<(event: RecordedEvent) => boolean> {
  const readable = await scope.readableDealers(caller);
  if (dealerId) {
    await scope.assertCanRead(caller, dealerId);
    return (event) => event.metadata.dealerId === dealerId;
  }
  if (readable.all) return () => true;
  const allowed = new Set(readable.dealerIds);
  return (event) => event.metadata.dealerId !== null && allowed.has(event.metadata.dealerId);
}
