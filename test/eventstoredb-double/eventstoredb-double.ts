import { randomUUID } from 'crypto';
import { createRequire } from 'module';
import * as grpc from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb';
import {
  AllStreamPosition,
  BadRequest,
  Empty,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import {
  InMemoryLog,
  InvalidPositionError,
  type AppendOutcome,
  type ExpectedState,
  type LogRecord,
  type ProposedEvent,
  type RecordFilter,
} from './in-memory-log';

/*
 * BatchAppend responses carry google.protobuf messages (Empty, and Any inside
 * google.rpc.Status). They must come from the google-protobuf copy the generated
 * code was built against, which the client package may nest under itself.
 */
const requireBesideGenerated = createRequire(require.resolve('@eventstore/db-client/generated/shared_pb'));
const { Empty: ProtobufEmpty } = requireBesideGenerated('google-protobuf/google/protobuf/empty_pb.js') as {
  Empty: new () => unknown;
};
const { Any } = requireBesideGenerated('google-protobuf/google/protobuf/any_pb.js') as {
  Any: new () => { pack(serialized: Uint8Array, name: string): void };
};

export interface EventStoreDbDoubleOptions {
  /**
   * true (default): ServerFeatures advertises BatchAppend, as servers since 21.10
   * do, so the client appends over one long-lived BatchAppend stream. false: the
   * ServerFeatures service is absent (UNIMPLEMENTED, as on 20.x) and the client
   * falls back to one Append call per append.
   */
  serverFeatures?: boolean;
  /**
   * Answer an idempotent (retried) append without a log position, as servers
   * before 22.x did. Default false: the position of the batch's last event.
   */
  idempotentAppendWithoutPosition?: boolean;
}

export interface EventStoreDbDouble {
  /** Connection string for EventStoreDBClient.connectionString. */
  url: string;
  /** Calls received, by method (`Streams.Append`, `Streams.BatchAppend`, `Streams.Read`, …). */
  readonly calls: Readonly<Record<string, number>>;
  /** Writes an event the server would write itself ($-prefixed stream and type), e.g. its periodic stats. */
  writeSystemEvent(): void;
  /** Stops serving and drops open calls (subscriptions end with UNAVAILABLE / CANCELLED on the client). */
  stop(): Promise<void>;
}

const SERVER_VERSION = '24.10.0 (eventstoredb-double)';
const STREAMS_SERVICE = 'event_store.client.streams.streams';

/**
 * An in-memory stand-in for one EventStoreDB node, speaking the real gRPC
 * protocol with the service definitions shipped inside @eventstore/db-client,
 * limited to what that client uses for appends, reads and $all subscriptions.
 * docs/eventstoredb-double.md lists what it models and what it does not.
 */
export async function startEventStoreDbDouble(options: EventStoreDbDoubleOptions = {}): Promise<EventStoreDbDouble> {
  const log = new InMemoryLog();
  const calls: Record<string, number> = {};
  const count = (method: string) => (calls[method] = (calls[method] ?? 0) + 1);
  const liveCalls = new Set<() => void>();

  // A fresh server is not empty: it writes its own system events at start-up.
  log.append('$settings', { kind: 'any' }, [systemEvent('$update-default-acl')]);
  log.append('$users', { kind: 'any' }, [systemEvent('$User')]);

  const server = new grpc.Server();
  server.addService(StreamsService, {
    read(call: grpc.ServerWritableStream<ReadReq, ReadResp>) {
      count('Streams.Read');
      handleRead(log, call, liveCalls);
    },
    append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) {
      count('Streams.Append');
      handleAppend(log, call, callback, options);
    },
    batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) {
      count('Streams.BatchAppend');
      handleBatchAppend(log, call, options);
    },
    // Delete and Tombstone are left out: grpc-js answers UNIMPLEMENTED for them.
  });
  if (options.serverFeatures !== false) {
    server.addService(ServerFeaturesService, {
      getSupportedMethods(_call: grpc.ServerUnaryCall<Empty, SupportedMethods>, callback: grpc.sendUnaryData<SupportedMethods>) {
        count('ServerFeatures.GetSupportedMethods');
        const methods = new SupportedMethods().setEventStoreServerVersion(SERVER_VERSION);
        for (const name of ['read', 'append', 'batchappend']) {
          methods.addMethods(new SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name));
        }
        callback(null, methods);
      },
    });
  }

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  let stopped = false;
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    calls,
    writeSystemEvent() {
      log.append(`$stats-127.0.0.1:${port}`, { kind: 'any' }, [systemEvent('$statsCollected')]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const end of [...liveCalls]) end();
      // Subscriptions and the client's BatchAppend stream never finish on their own.
      server.forceShutdown();
    },
  };
}

function systemEvent(type: string): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify({ at: new Date().toISOString() })),
    customMetadata: new Uint8Array(),
  };
}

// ---------------------------------------------------------------- Read

function handleRead(log: InMemoryLog, call: grpc.ServerWritableStream<ReadReq, ReadResp>, liveCalls: Set<() => void>): void {
  const options = call.request.getOptions();
  try {
    if (!options) throw invalidArgument('ReadReq.options is required');
    if (options.getUuidOption()?.hasStructured()) throw unimplemented('structured UUIDs (the Node client asks for strings)');
    if (options.getResolveLinks()) throw unimplemented('link resolution (no projections write links here)');
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const filter = readFilter(options);

    if (options.hasStream()) {
      if (options.hasSubscription()) throw unimplemented('stream subscriptions');
      if (filter) throw invalidArgument('filters apply to $all only');
      const streamOptions = options.getStream()!;
      const streamId = Buffer.from(streamOptions.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : streamOptions.hasEnd() ? 'end' : 'start';
      const records = log.readStream(streamId, from, backwards ? 'backwards' : 'forwards', readCount(options));
      if (!records) {
        const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamId)));
        call.write(new ReadResp().setStreamNotFound(notFound));
      } else {
        for (const record of records) call.write(eventResponse(record, false));
      }
      call.end();
      return;
    }

    const all = options.getAll();
    if (!all) throw invalidArgument('ReadReq.options needs stream or all');
    const from = all.hasPosition() ? positionOf(all.getPosition()!) : all.hasEnd() ? 'end' : 'start';

    if (options.hasSubscription()) {
      if (backwards) throw invalidArgument('subscriptions read forwards');
      subscribeAll(log, call, from, filter, liveCalls);
      return;
    }
    for (const record of log.readAll(from, backwards ? 'backwards' : 'forwards', readCount(options), filter)) {
      call.write(eventResponse(record, true));
    }
    call.end();
  } catch (error) {
    call.emit('error', toServiceError(error));
  }
}

function subscribeAll(
  log: InMemoryLog,
  call: grpc.ServerWritableStream<ReadReq, ReadResp>,
  from: number | 'start' | 'end',
  filter: RecordFilter | undefined,
  liveCalls: Set<() => void>,
): void {
  const subscriptionId = randomUUID();
  // The real server confirms first, then catches up, says CaughtUp, then goes live.
  const unsubscribe = log.subscribe(
    from,
    filter,
    (records) => {
      call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId)));
      for (const record of records) call.write(eventResponse(record, true));
      if (filter) {
        // Filtered subscriptions report progress through stretches of non-matching events.
        const checkpoint = String(Math.max(log.lastPosition, 0));
        call.write(new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(checkpoint).setPreparePosition(checkpoint)));
      }
      call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    },
    (records) => {
      for (const record of records) call.write(eventResponse(record, true));
    },
  );
  const end = () => {
    unsubscribe();
    liveCalls.delete(end);
  };
  liveCalls.add(end);
  call.on('cancelled', end);
  call.on('close', end);
}

function readCount(options: ReadReq.Options): number {
  if (!options.hasCount()) throw invalidArgument('a read needs a count');
  // uint64 on the wire; the client sends Number.MAX_SAFE_INTEGER for "no limit".
  return Number(options.getCount());
}

function readFilter(options: ReadReq.Options): RecordFilter | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter()!;
  const on = filter.hasEventType() ? 'event_type' : filter.hasStreamIdentifier() ? 'stream_name' : undefined;
  if (!on) throw invalidArgument('a filter needs an event type or stream identifier expression');
  const expression = (on === 'event_type' ? filter.getEventType() : filter.getStreamIdentifier())!;
  return { on, regex: expression.getRegex() || undefined, prefixes: expression.getPrefixList() };
}

function positionOf(position: ReadReq.Options.Position): number {
  const commit = Number(position.getCommitPosition());
  const prepare = Number(position.getPreparePosition());
  // Every record here is non-transactional, so the only valid positions have commit == prepare.
  if (commit !== prepare) throw new InvalidPositionError(commit);
  return commit;
}

function eventResponse(record: LogRecord, fromAll: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(record.streamId)))
    .setStreamRevision(String(record.revision))
    // Servers since 22.6 report $all positions on stream reads too (non-transactional events).
    .setCommitPosition(String(record.position))
    .setPreparePosition(String(record.position))
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  recorded.getMetadataMap().set('type', record.type).set('content-type', record.contentType).set('created', String(record.createdTicks));
  const event = new ReadResp.ReadEvent().setEvent(recorded);
  if (fromAll) event.setCommitPosition(String(record.position));
  else event.setNoPosition(new Empty());
  return new ReadResp().setEvent(event);
}

// ---------------------------------------------------------------- Append

function handleAppend(
  log: InMemoryLog,
  call: grpc.ServerReadableStream<AppendReq, AppendResp>,
  callback: grpc.sendUnaryData<AppendResp>,
  doubleOptions: EventStoreDbDoubleOptions,
): void {
  let options: AppendReq.Options | undefined;
  const proposed: ProposedEvent[] = [];
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    callback(toServiceError(error));
  };
  call.on('data', (request: AppendReq) => {
    if (failed) return;
    try {
      if (request.hasOptions()) {
        if (options) throw invalidArgument('options sent twice');
        options = request.getOptions();
      } else {
        if (!options) throw invalidArgument('the first AppendReq must carry the options');
        proposed.push(proposedEvent(request.getProposedMessage()!));
      }
    } catch (error) {
      fail(error);
    }
  });
  // A client that gives up mid-way (cancelled, deadline) must write nothing.
  call.on('error', () => (failed = true));
  call.on('end', () => {
    if (failed) return;
    try {
      if (!options) throw invalidArgument('no options received');
      const streamId = streamNameOf(options.getStreamIdentifier());
      const expected = appendExpectation(options);
      const outcome = log.append(streamId, expected, proposed);
      callback(null, appendResponse(outcome, expected, doubleOptions));
    } catch (error) {
      fail(error);
    }
  });
}

function appendExpectation(options: AppendReq.Options): ExpectedState {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: Number(options.getRevision()) };
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case AppendReq.Options.ExpectedStreamRevisionCase.ANY:
      return { kind: 'any' };
    default:
      throw invalidArgument('an expected stream revision is required');
  }
}

function appendResponse(outcome: AppendOutcome, expected: ExpectedState, doubleOptions: EventStoreDbDoubleOptions): AppendResp {
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.current < 0) wrong.setCurrentNoStream(new Empty());
    else wrong.setCurrentRevision(String(outcome.current));
    if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
    else wrong.setExpectedAny(new Empty());
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.lastRevision < 0) success.setNoStream(new Empty());
  else success.setCurrentRevision(String(outcome.lastRevision));
  if (outcome.position < 0 || (outcome.kind === 'idempotent' && doubleOptions.idempotentAppendWithoutPosition)) {
    success.setNoPosition(new Empty());
  } else {
    success.setPosition(new AppendResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
  }
  return new AppendResp().setSuccess(success);
}

// ---------------------------------------------------------------- BatchAppend

interface PendingBatch {
  correlationId: UUID;
  options: BatchAppendReq.Options;
  proposed: ProposedEvent[];
}

/**
 * One duplex call carries many appends, told apart by correlation id; an append
 * may span several requests (the client splits at ~3 MB) and is applied when the
 * request marked `is_final` arrives.
 */
function handleBatchAppend(
  log: InMemoryLog,
  call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
  doubleOptions: EventStoreDbDoubleOptions,
): void {
  const pending = new Map<string, PendingBatch>();
  call.on('data', (request: BatchAppendReq) => {
    const correlationId = request.getCorrelationId();
    const key = correlationId?.getString();
    if (!correlationId || !key) {
      call.emit('error', toServiceError(invalidArgument('BatchAppendReq.correlation_id is required')));
      return;
    }
    let batch = pending.get(key);
    try {
      if (!batch) {
        const options = request.getOptions();
        if (!options) throw invalidArgument('the first request of an append must carry the options');
        batch = { correlationId, options, proposed: [] };
        pending.set(key, batch);
      }
      for (const message of request.getProposedMessagesList()) batch.proposed.push(proposedEvent(message));
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const expected = batchExpectation(batch.options);
      const outcome = log.append(streamNameOf(batch.options.getStreamIdentifier()), expected, batch.proposed);
      call.write(batchAppendResponse(batch, outcome, expected, doubleOptions));
    } catch (error) {
      pending.delete(key);
      if (!batch) {
        call.emit('error', toServiceError(error));
        return;
      }
      // Errors of one append travel in its response, not by failing the shared call. The
      // client reads the packed details unconditionally, so a status always carries some.
      const serviceError = toServiceError(error);
      const message = serviceError.details ?? 'error';
      const details = new Any();
      details.pack(new BadRequest().setMessage(message).serializeBinary(), 'event_store.client.BadRequest');
      const status = new Status()
        .setCode(serviceError.code as number)
        .setMessage(message)
        .setDetails(details as never);
      call.write(
        new BatchAppendResp()
          .setCorrelationId(batch.correlationId)
          .setStreamIdentifier(batch.options.getStreamIdentifier())
          .setError(status),
      );
    }
  });
  call.on('end', () => call.end());
  call.on('error', () => pending.clear());
}

function batchExpectation(options: BatchAppendReq.Options): ExpectedState {
  switch (options.getExpectedStreamPositionCase()) {
    case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_POSITION:
      return { kind: 'revision', revision: Number(options.getStreamPosition()) };
    case BatchAppendReq.Options.ExpectedStreamPositionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case BatchAppendReq.Options.ExpectedStreamPositionCase.ANY:
      return { kind: 'any' };
    default:
      throw invalidArgument('an expected stream position is required');
  }
}

function batchAppendResponse(
  batch: PendingBatch,
  outcome: AppendOutcome,
  expected: ExpectedState,
  doubleOptions: EventStoreDbDoubleOptions,
): BatchAppendResp {
  const response = new BatchAppendResp().setCorrelationId(batch.correlationId).setStreamIdentifier(batch.options.getStreamIdentifier());
  if (outcome.kind === 'wrong_expected_version') {
    // The client unpacks this Any by its type name into shared.WrongExpectedVersion.
    const details = new WrongExpectedVersion();
    if (outcome.current < 0) details.setCurrentNoStream(new ProtobufEmpty() as never);
    else details.setCurrentStreamRevision(String(outcome.current));
    if (expected.kind === 'revision') details.setExpectedStreamPosition(String(expected.revision));
    else if (expected.kind === 'no_stream') details.setExpectedNoStream(new ProtobufEmpty() as never);
    else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new ProtobufEmpty() as never);
    else details.setExpectedAny(new ProtobufEmpty() as never);
    const any = new Any();
    any.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
    const status = new Status()
      .setCode(grpc.status.FAILED_PRECONDITION as number)
      .setMessage('WrongExpectedVersion')
      .setDetails(any as never);
    return response.setError(status);
  }
  const success = new BatchAppendResp.Success();
  if (outcome.lastRevision < 0) success.setNoStream(new ProtobufEmpty() as never);
  else success.setCurrentRevision(String(outcome.lastRevision));
  if (outcome.position < 0 || (outcome.kind === 'idempotent' && doubleOptions.idempotentAppendWithoutPosition)) {
    success.setNoPosition(new ProtobufEmpty() as never);
  } else {
    success.setPosition(new AllStreamPosition().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
  }
  return response.setSuccess(success);
}

// ---------------------------------------------------------------- shared

type ProposedMessage = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function proposedEvent(message: ProposedMessage): ProposedEvent {
  const id = message.getId()?.getString();
  // The server parses event ids as GUIDs and reports them back in lower case.
  if (!id || !UUID_PATTERN.test(id)) throw invalidArgument(`event id "${id ?? ''}" is not a UUID`);
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (!type) throw invalidArgument('an event needs a type');
  if (contentType !== 'application/json' && contentType !== 'application/octet-stream') {
    throw invalidArgument(`content-type "${contentType ?? ''}" is neither application/json nor application/octet-stream`);
  }
  return {
    id: id.toLowerCase(),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function streamNameOf(identifier: StreamIdentifier | undefined): string {
  const name = identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';
  if (!name) throw invalidArgument('a stream name is required');
  return name;
}

class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

function invalidArgument(message: string): RpcError {
  return new RpcError(grpc.status.INVALID_ARGUMENT, message);
}

function unimplemented(what: string): RpcError {
  return new RpcError(grpc.status.UNIMPLEMENTED, `the EventStoreDB double does not model ${what}`);
}

function toServiceError(error: unknown): Partial<grpc.StatusObject> & { code: grpc.status } {
  if (error instanceof InvalidPositionError) return { code: grpc.status.INVALID_ARGUMENT, details: error.message };
  if (error instanceof RpcError) return { code: error.code, details: error.message };
  return { code: grpc.status.INTERNAL, details: error instanceof Error ? error.message : String(error) };
}
