/**
 * Every endpoint the running app serves, and a raw HTTP call that copes with all
 * of them (SSE streams included): what the authorization-matrix and fuzz specs
 * (test/platform/) iterate over.
 */
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  getNullableType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { GRAPHQL_PATH, registeredRoutes } from '@aftercare/platform';
import type { E2eApp } from './e2e-app';

export interface Endpoint {
  method: string;
  /** Route pattern, e.g. /api/v1/complaints/:id */
  url: string;
  /** Matrix key: `METHOD /pattern`. */
  key: string;
}

/** REST and SSE routes as Fastify registered them; /graphql (a transport: its root fields are the endpoints) left out. */
export function restEndpoints(app: E2eApp): Endpoint[] {
  const seen = new Set<string>();
  const endpoints: Endpoint[] = [];
  for (const route of registeredRoutes(app.app)) {
    const key = `${route.method} ${route.url}`;
    if (route.url === GRAPHQL_PATH || seen.has(key)) continue;
    seen.add(key);
    endpoints.push({ method: route.method, url: route.url, key });
  }
  return endpoints;
}

export interface GraphqlField {
  /** `Query.customers` */
  key: string;
  operation: 'query' | 'mutation' | 'subscription';
  /** A document that calls the field alone, with made-up required arguments and one leaf selected. */
  document: string;
  /** The field has required arguments (the made-up values name no record). */
  needsArguments: boolean;
}

export function graphqlFields(app: E2eApp): GraphqlField[] {
  const schema = app.app.get(GraphQLSchemaHost).schema;
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([operation, type]) =>
    type
      ? Object.values(type.getFields()).map((field) => ({
          key: `${type.name}.${field.name}`,
          operation,
          document: `${operation} { ${field.name}${argumentsOf(field.args)}${selectionOf(schema, field, 0)} }`,
          needsArguments: field.args.some((a) => isNonNullType(a.type)),
        }))
      : [],
  );
}

function argumentsOf(args: readonly GraphQLArgument[]): string {
  const required = args.filter((a) => isNonNullType(a.type));
  return required.length ? `(${required.map((a) => `${a.name}: ${valueOf(a.type)}`).join(', ')})` : '';
}

function valueOf(type: GraphQLInputType): string {
  const inner = getNullableType(type);
  if (isListType(inner)) return `[${valueOf(inner.ofType)}]`;
  if (isEnumType(inner)) return inner.getValues()[0]?.name ?? 'X';
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${valueOf(f.type)}`).join(', ')} }`;
  }
  switch (getNamedType(inner).name) {
    case 'Int':
      return '1';
    case 'Float':
      return '1.5';
    case 'Boolean':
      return 'true';
    default:
      return '"no-such-id"';
  }
}

/** The first leaf reachable, e.g. `{ items { id } }`. */
function selectionOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, depth: number): string {
  const type = getNamedType(field.type);
  if (isLeafType(type) || depth > 5) return '';
  if (!isObjectType(type)) return ' { __typename }';
  const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const leaf = fields.find((f) => isLeafType(getNamedType(f.type)));
  if (leaf) return ` { ${leaf.name} }`;
  const nested = fields[0];
  return nested ? ` { ${nested.name}${selectionOf(schema, nested, depth + 1)} }` : ' { __typename }';
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body as text; for an event stream only what arrived before it was cut. */
  text: string;
  json: unknown;
}

/**
 * One request with whatever headers and body: an event stream is cut once its
 * headers arrive (its status is what counts).
 */
export async function call(
  baseUrl: string,
  request: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10_000);
  try {
    const res = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      signal: abort.signal,
    });
    let text = '';
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      abort.abort();
    } else {
      text = await res.text();
    }
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  } finally {
    clearTimeout(timer);
  }
}

/** `/api/v1/complaints/:id/solutions/:n` with the given values (default `fallback`) for its parameters. */
export function fillPath(url: string, values: Record<string, string>, fallback = 'no-such-id'): string {
  return url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? fallback)).replace(/\*$/, 'x');
}

/** The little of the `ws` client used here (the package ships no types and @types/ws is not installed). */
interface WsClient {
  on(event: 'open' | 'close' | 'error', listener: () => void): void;
  on(event: 'message', listener: (data: unknown) => void): void;
  send(data: string): void;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocket = require('ws') as new (url: string, protocol: string) => WsClient;

export interface SubscriptionOutcome {
  /** `refused`: the connection was closed before connection_ack (no or bad token). */
  kind: 'next' | 'error' | 'complete' | 'quiet' | 'refused';
  /** The errors of an `error` message. */
  errors?: { message: string; extensions?: { code?: string; status?: number } }[];
}

/**
 * One GraphQL subscription over the websocket (`graphql-transport-ws`): the
 * token goes in `connection_init`. Resolves with the first thing the server
 * says about the operation, or `quiet` when it accepted it and had nothing to
 * send within `quietMs`.
 */
export function subscribeOnce(baseUrl: string, authorization: string | undefined, query: string, quietMs = 500): Promise<SubscriptionOutcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const done = (outcome: SubscriptionOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(outcome);
    };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: authorization ? { authorization } : {} })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        timer = setTimeout(() => done({ kind: 'quiet' }), quietMs);
      } else if (message.type === 'next') {
        const payload = message.payload as { errors?: SubscriptionOutcome['errors'] };
        done(payload?.errors?.length ? { kind: 'error', errors: payload.errors } : { kind: 'next' });
      } else if (message.type === 'error') {
        done({ kind: 'error', errors: message.payload as SubscriptionOutcome['errors'] });
      } else if (message.type === 'complete') {
        done({ kind: 'complete' });
      }
    });
    socket.on('close', () => done({ kind: 'refused' }));
    socket.on('error', () => done({ kind: 'refused' }));
  });
}
