import type { CallOptions, ClientReadableStream, Metadata } from '@grpc/grpc-js';
import {
  convertToCommandError,
  eventTypeFilter,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Filter,
  type Position as EsdbPosition,
  type ReadPosition,
} from '@eventstore/db-client';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { categoryOf, type Position } from '@aftercare/kernel';
import type { EventFilter } from '../event-store.port';

/*
 * Positions. The port's Position is the $all commit position as a JS number.
 * Numbers are exact up to 2^53 bytes of log (8 PiB), far beyond any realistic
 * EventStoreDB database, so a larger position is refused rather than rounded.
 *
 * A position is sent back to the server as { commit: p, prepare: p }: for events
 * not written in explicit transactions (the only kind the gRPC API can write,
 * and all that servers since 20.x produce) both are the event's log position.
 */

const MAX_POSITION = BigInt(Number.MAX_SAFE_INTEGER);
/** What servers before 22.6 report as the $all position of an event read from a stream. */
const NO_POSITION = 2n ** 64n - 1n;

export function toPosition(commit: bigint): Position {
  if (commit === NO_POSITION) {
    throw new RangeError('EventStoreDB did not report the $all position of a stream event (servers since 22.6 do)');
  }
  if (commit < 0n || commit > MAX_POSITION) throw new RangeError(`$all position ${commit} is beyond 2^53`);
  return Number(commit);
}

export function toReadPosition(position: Position): EsdbPosition {
  const p = BigInt(position);
  return { commit: p, prepare: p };
}

/** Commit position of a resolved event, or undefined for a record without one. */
export function commitPositionOf(resolved: { event?: { position?: EsdbPosition } }): Position | undefined {
  const position = resolved.event?.position;
  return position ? toPosition(position.commit) : undefined;
}

/*
 * Filters. The server filters on one thing at a time (event type or stream name),
 * so an EventFilter becomes one server-side filter plus a client-side rest:
 * - types: an exact-match regex on the event type; categories, if also given, are
 *   checked here;
 * - categories only: stream name prefixes `<category>-`;
 * - nothing: the server's own "exclude system events" regex.
 * System events ($-prefixed types, e.g. $statsCollected, $metadata) are never
 * domain events and are dropped here too, whichever filter the server applied.
 */

export interface ServerFilter {
  on: 'event_type' | 'stream_name';
  regex?: string;
  prefixes?: string[];
}

export interface FilterPlan {
  /** An empty types or categories list: nothing can match (as on the sqlite adapter). */
  matchesNothing: boolean;
  server: ServerFilter;
  accepts(event: { type: string; streamId: string }): boolean;
}

export const EXCLUDE_SYSTEM_EVENTS: ServerFilter = { on: 'event_type', regex: '^[^$]' };

export function planFilter(filter: EventFilter | undefined): FilterPlan {
  const types = filter?.types ? [...new Set(filter.types)] : undefined;
  const categories = filter?.categories ? new Set(filter.categories) : undefined;
  const matchesNothing = types?.length === 0 || categories?.size === 0;
  const inCategories = (streamId: string) => !categories || categories.has(categoryOf(streamId));
  if (types && types.length > 0) {
    return {
      matchesNothing,
      server: { on: 'event_type', regex: `^(?:${types.map(escapeRegex).join('|')})$` },
      accepts: (e) => !isSystemType(e.type) && inCategories(e.streamId),
    };
  }
  if (categories && categories.size > 0) {
    return {
      matchesNothing,
      server: { on: 'stream_name', prefixes: [...categories].map((c) => `${c}-`) },
      accepts: (e) => !isSystemType(e.type) && inCategories(e.streamId),
    };
  }
  return { matchesNothing, server: EXCLUDE_SYSTEM_EVENTS, accepts: (e) => !isSystemType(e.type) };
}

export function toClientFilter(server: ServerFilter): Filter {
  const create = server.on === 'event_type' ? eventTypeFilter : streamNameFilter;
  return server.regex !== undefined ? create({ regex: server.regex }) : create({ prefixes: server.prefixes ?? [] });
}

export function isSystemType(type: string): boolean {
  return type.startsWith('$');
}

function escapeRegex(text: string): string {
  // These escapes mean the same in JavaScript and in .NET, the server's regex engine.
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/*
 * Filtered reads of $all. @eventstore/db-client 6.x only filters subscriptions;
 * its readAll always sends `no_filter`, so a projection rebuild or a filtered
 * audit read would pull the whole log over the wire. The Read RPC itself takes a
 * filter on reads too, so this sends the same ReadReq the client's readAll builds,
 * with a filter, through the client's own call plumbing (channel, credentials,
 * reconnection), which the client exposes to extensions as protected members.
 */

interface ClientPlumbing {
  GRPCStreamCreator<T>(client: typeof StreamsClient, debugName: string, creator: (client: StreamsClient) => T): () => Promise<T>;
  callArguments(options: object, callOptions?: Partial<CallOptions>): [Metadata, Partial<CallOptions>];
}

function plumbingOf(client: EventStoreDBClient): ClientPlumbing {
  const plumbing = client as unknown as Partial<ClientPlumbing>;
  if (typeof plumbing.GRPCStreamCreator !== 'function' || typeof plumbing.callArguments !== 'function') {
    throw new Error('this @eventstore/db-client version does not expose GRPCStreamCreator/callArguments; filtered $all reads need 6.x');
  }
  return plumbing as ClientPlumbing;
}

export async function readAllFiltered(
  client: EventStoreDBClient,
  from: ReadPosition,
  direction: 'forwards' | 'backwards',
  count: number,
  filter: ServerFilter,
): Promise<AllStreamResolvedEvent[]> {
  const options = new ReadReq.Options();
  const all = new ReadReq.Options.AllOptions();
  if (from === 'start') all.setStart(new Empty());
  else if (from === 'end') all.setEnd(new Empty());
  else {
    all.setPosition(
      new ReadReq.Options.Position().setCommitPosition(from.commit.toString(10)).setPreparePosition(from.prepare.toString(10)),
    );
  }
  const expression = new ReadReq.Options.FilterOptions.Expression();
  if (filter.regex !== undefined) expression.setRegex(filter.regex);
  else expression.setPrefixList(filter.prefixes ?? []);
  const filterOptions = new ReadReq.Options.FilterOptions()
    // `count`: the server scans as far as it takes to find `count` matches.
    .setCount(new Empty())
    .setCheckpointintervalmultiplier(1);
  if (filter.on === 'event_type') filterOptions.setEventType(expression);
  else filterOptions.setStreamIdentifier(expression);
  options
    .setAll(all)
    .setReadDirection(direction === 'forwards' ? ReadReq.Options.ReadDirection.FORWARDS : ReadReq.Options.ReadDirection.BACKWARDS)
    .setResolveLinks(false)
    .setCount(String(count))
    .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()))
    .setFilter(filterOptions);
  const request = new ReadReq().setOptions(options);

  const plumbing = plumbingOf(client);
  // Like the client's own streaming reads: no deadline, a filtered scan may take long.
  const call = await plumbing.GRPCStreamCreator(StreamsClient, 'readAll', (streams) =>
    streams.read(request, ...plumbing.callArguments({}, { deadline: Infinity })),
  )();
  const events: AllStreamResolvedEvent[] = [];
  try {
    for await (const response of call as ClientReadableStream<ReadResp>) {
      const event = (response as ReadResp).getEvent();
      if (event) events.push(convertGrpcEvent<AllStreamResolvedEvent & { event: never }>(event) as AllStreamResolvedEvent);
    }
  } catch (error) {
    throw convertToCommandError(error as Error);
  }
  return events;
}
