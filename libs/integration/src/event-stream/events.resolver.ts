import { Args, Int, Resolver, Subscription } from '@nestjs/graphql';
import type { RecordedEvent } from '@aftercare/kernel';
import { Inject } from '@nestjs/common';
import type { EventStore } from '@aftercare/event-store';
import { Caller, Principal, ScopeService, SEALED_EVENT_STORE } from '@aftercare/platform';
import { toPublicEvent, type PublicEvent } from '../event-catalogue/public-events.catalogue';
import { eventTypesOf, visibleEvents } from './event-visibility';

export const EVENTS_TYPE_DEFS = /* GraphQL */ `
  "A public event (GET /events/catalogue), as GET /events/stream sends it."
  type PublicEvent {
    "The event's position in the log, as text (SSE id)."
    id: ID!
    position: Int!
    type: String!
    version: Int!
    streamId: String!
    revision: Int!
    "The event's data, cut to its published schema, as JSON text."
    data: String!
    eventId: String!
    occurredAt: String!
    recordedAt: String!
    dealerId: String
    correlationId: String!
    causationId: String
  }

  type Subscription {
    """
    The public events of the log in log order, from position \`from\` (default:
    from now on), of the given types (default: all public types) and dealer, in
    the caller's dealer scope: what GET /events/stream sends, over a websocket.
    """
    events(types: [String!], dealerId: String, from: Int): PublicEvent!
  }
`;

/** Subscription.events: the GraphQL twin of GET /events/stream (same catalogue, filters and scope). */
@Resolver('Subscription')
export class EventsResolver {
  constructor(
    @Inject(SEALED_EVENT_STORE) private readonly events: EventStore,
    private readonly scope: ScopeService,
  ) {}

  @Subscription('events')
  async subscribe(
    @Caller() caller: Principal,
    @Args('types', { nullable: true, type: () => [String] }) types: string[] | null,
    @Args('dealerId', { nullable: true }) dealerId: string | null,
    @Args('from', { nullable: true, type: () => Int }) from: number | null,
  ): Promise<AsyncIterableIterator<{ events: ReturnType<typeof toGraphQl> }>> {
    const filter = eventTypesOf(types ?? undefined);
    const visible = await visibleEvents(this.scope, caller, dealerId ?? undefined);
    const start = from ?? (await this.events.headPosition()) + 1;
    return publicEventsFrom(this.events, start, filter, visible);
  }
}

function toGraphQl(event: PublicEvent) {
  const { data, metadata, ...rest } = event;
  return { ...rest, data: JSON.stringify(data), ...metadata };
}

/**
 * The store's catch-up subscription as the async iterator graphql-js wants;
 * `return()` (the client unsubscribed or went away) closes it at once, even
 * while it waits for the next append.
 */
function publicEventsFrom(
  store: EventStore,
  from: number,
  types: string[],
  visible: (event: RecordedEvent) => boolean,
): AsyncIterableIterator<{ events: ReturnType<typeof toGraphQl> }> {
  const subscription = store.subscribe({ from, filter: { types }, batchSize: 500 });
  const batches = subscription.batches()[Symbol.asyncIterator]();
  let buffer: RecordedEvent[] = [];
  let index = 0;
  const finished = { value: undefined, done: true } as const;
  const iterator: AsyncIterableIterator<{ events: ReturnType<typeof toGraphQl> }> = {
    async next() {
      for (;;) {
        while (index < buffer.length) {
          const event = buffer[index++];
          if (visible(event)) return { value: { events: toGraphQl(toPublicEvent(event)!) }, done: false };
        }
        const batch = await batches.next();
        if (batch.done) return finished;
        buffer = batch.value;
        index = 0;
      }
    },
    async return() {
      await subscription.close();
      return finished;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
