import type { RecordedEvent } from '@aftercare/kernel';

/** An event as auditors see it: the whole envelope, seal fields included, with where it sits in its stream and in the log. */
export function toAuditEventView(event: RecordedEvent) {
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

export type AuditEventView = ReturnType<typeof toAuditEventView>;
