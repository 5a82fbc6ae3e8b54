import type { RecordedEvent } from '@aftercare/kernel';
import { maskForRole } from '@aftercare/personal-data';

/**
 * An event as auditors see it: the whole envelope, seal fields included, with
 * where it sits in its stream and in the log. Personal fields are opened (or
 * `[erased]`) by the event store; phones and national ids are masked for the
 * roles that do not see them in full (docs/personal-data.md), given the reader's role.
 */
export function toAuditEventView(event: RecordedEvent, readerRole?: string) {
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: readerRole ? maskForRole(event.data, readerRole) : event.data,
    metadata: event.metadata,
  };
}

export type AuditEventView = ReturnType<typeof toAuditEventView>;
