import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { CLOCK, Clock } from '@aftercare/kernel';
import { READ_STORE, ReadStore } from '@aftercare/read-store';
import '../auth/request-of';
import type { AppConfig } from '../config/app-config';
import { LOGGER, PinoNestLogger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../http/problem-details';
import { correlationIdOf } from '../http/request-headers';
import { setResourceHeaders } from '../http/resource-headers';
import { assertBodyShape } from '../http/body-shape';
import { installIdempotency } from '../http/idempotency.hooks';
import { TokenService } from '../auth/token.service';
import { installRateLimit, TokenRateLimiter } from '../http/rate-limit';
import { AUTHORIZATION_MATRIX, AuthorizationMatrix } from '../auth/authorization-matrix';
import { PROJECTION_STATUS, ProjectionStatusSource } from '../observability/ops.controller';

export const API_PREFIX = 'api/v1';

/** Paths outside /api/v1 that Nest controllers serve. */
const UNPREFIXED = ['health', 'ready', 'metrics'];

export interface HttpHostOptions {
  config: AppConfig;
  /** Serve Swagger UI at /docs and the OpenAPI JSON at /docs-json. */
  openApi: boolean;
}

/**
 * Creates and initialises (not listens) a Fastify-based Nest app the same way for
 * every host and for the e2e harness: problem+json errors, correlation ids, one
 * log line and one latency observation per request, OpenAPI.
 */
export async function createHttpHost(rootModule: DynamicModule, options: HttpHostOptions): Promise<NestFastifyApplication> {
  // skipMiddie: no Nest middleware is used; @fastify/middie would otherwise run on every request (~6% of CPU).
  const adapter = new ProblemFastifyAdapter({
    bodyLimit: options.config.bodyLimit,
    logger: false,
    return503OnClosing: true,
    skipMiddie: true,
    // Errors of Fastify's router (a malformed URL, a path segment over 100 characters: 400 / 414)
    // bypass the error handler: they leave as problem+json too.
    frameworkErrors: answerFrameworkError as never,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { bufferLogs: true, abortOnError: false });
  const log = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(log));
  app.flushLogs();
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
  app.useGlobalFilters(new ProblemDetailsFilter(log));
  installErrorHandler(app, log);
  const routes = recordRoutes(app);
  instrumentRequests(app, log, app.get(Metrics), app.get(TokenService), projectionStatusOf(app));
  installRateLimit(
    app.getHttpAdapter().getInstance() as unknown as FastifyInstance,
    new TokenRateLimiter(options.config.rateLimitPerMinute),
    app.get(TokenService),
  );
  installIdempotency(app.getHttpAdapter().getInstance() as unknown as FastifyInstance, app.get<ReadStore>(READ_STORE), app.get(TokenService), app.get<Clock>(CLOCK));
  if (options.openApi) mountOpenApi(app);
  await app.init();
  warnOfEndpointsWithoutRule(app, routes, log);
  return app;
}

/** A route as Fastify registered it: method and URL pattern (`/api/v1/complaints/:id`). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

const ROUTES = new WeakMap<object, RegisteredRoute[]>();

/**
 * Every route the host serves (HEAD twins of GET routes left out), for the
 * authorization matrix check (test/platform/authorization-matrix.e2e-spec.ts).
 */
export function registeredRoutes(app: NestFastifyApplication): readonly RegisteredRoute[] {
  return ROUTES.get(app) ?? [];
}

function recordRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  ROUTES.set(app, routes);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url ?? route.path });
  });
  return routes;
}

/** An endpoint without a matrix entry is refused to everyone: say so at boot, not at the first 403. */
function warnOfEndpointsWithoutRule(app: NestFastifyApplication, routes: RegisteredRoute[], log: Logger): void {
  let matrix: AuthorizationMatrix;
  try {
    matrix = app.get<AuthorizationMatrix>(AUTHORIZATION_MATRIX, { strict: false });
  } catch {
    return; // a host without the API guard (the projector)
  }
  const missing = routes.map((r) => `${r.method} ${r.url}`).filter((key) => /^\w+ \/api\//.test(key) && !matrix[key]);
  if (missing.length) log.warn({ endpoints: missing }, 'endpoints without an authorization matrix entry (libs/platform/README.md "Authorization matrix")');
}

export const GRAPHQL_PATH = '/graphql';

/** How long a command's answer waits for the read models to show it. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

function projectionStatusOf(app: NestFastifyApplication): ProjectionStatusSource | undefined {
  try {
    return app.get<ProjectionStatusSource>(PROJECTION_STATUS, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Read your own writes: a command handler answers `{ id, revision, position }`;
 * before the answer leaves, the read models are given (up to 2 s) to apply that
 * position, so a client's next GET shows what it just did, whichever replica
 * serves it. The position goes out as `X-Event-Position` (an SSE `from` for
 * integrators), not in the body: API.md's answer is `{ id, revision }`.
 */
async function readYourWrites(projections: ProjectionStatusSource | undefined, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || reply.statusCode >= 300) return payload;
  const { position, ...body } = payload as { position?: unknown };
  if (typeof position !== 'number') return payload;
  reply.header('x-event-position', String(position));
  if (projections?.waitForCatchUp && position > 0) {
    try {
      await projections.waitForCatchUp(position, { timeoutMs: READ_YOUR_WRITES_TIMEOUT_MS });
    } catch {
      // A stalled projector must not fail a command that is already stored: the
      // answer goes out, and /ready reports the lag.
      reply.header('x-read-models', 'stale');
    }
  }
  return body;
}

/**
 * Nest installs its Fastify error handler after registering the routes, and
 * Fastify routes keep the handler in force when they were registered: errors
 * raised before a Nest handler runs (malformed JSON, a body over the limit)
 * would leave in Fastify's own format. Ours is installed before the routes
 * (installErrorHandler), so Nest's late one is skipped.
 */
class ProblemFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance();
  }
}

function answerFrameworkError(err: Error, _request: unknown, reply: FastifyReply): void {
  const { problem } = toProblem(err);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

function installErrorHandler(app: NestFastifyApplication, log: Logger): void {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.setErrorHandler((err, request, reply) => {
    const { problem, unexpected } = toProblem(err);
    if (unexpected) log.error({ err, correlationId: request.correlationId }, 'unexpected error');
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  });
}

/** Hooks are added before app.init(): plugins registered later (Mercurius) inherit them. */
function instrumentRequests(
  app: NestFastifyApplication,
  log: Logger,
  metrics: Metrics,
  tokens: TokenService,
  projections: ProjectionStatusSource | undefined,
): void {
  // Typed from the top-level fastify package, which carries our request augmentation (auth/request-of.ts).
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addHook('onRequest', (request, reply, done) => {
    request.correlationId = correlationIdOf(request.headers['x-correlation-id']);
    reply.header('x-correlation-id', request.correlationId);
    // /graphql is Mercurius' route, not a Nest controller, so the guard only sees
    // resolvers: authenticate the request itself, so that a call without a valid
    // token is a 401 like everywhere else (API.md "Conventions"), answered in the
    // GraphQL shape with the code in extensions like any other GraphQL error.
    // A websocket upgrade (GraphQL subscriptions) is authenticated by its connection_init
    // payload instead (graphqlSubscriptions): browsers cannot set headers on a websocket.
    const upgrade = request.headers.upgrade;
    if ((request.url === GRAPHQL_PATH || request.url.startsWith(`${GRAPHQL_PATH}?`)) && !(typeof upgrade === 'string' && upgrade.toLowerCase() === 'websocket')) {
      try {
        request.principal = tokens.authenticate(request.headers.authorization);
      } catch (err) {
        const { problem } = toProblem(err);
        // Replying from a callback hook: done() is not called.
        void reply
          .status(problem.status)
          .header('www-authenticate', 'Bearer')
          .send({ data: null, errors: [{ message: problem.detail, extensions: { code: problem.code, status: problem.status } }] });
        return;
      }
    }
    done();
  });
  // Before any recursive code walks the body (class-transformer, the validation pipe).
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      assertBodyShape(request.body);
      done();
    } catch (err) {
      done(err as Error);
    }
  });
  fastify.addHook('preSerialization', async (request, reply, payload) => {
    const body = await readYourWrites(projections, reply, payload);
    setResourceHeaders(request, reply, body);
    return body;
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpRequestDuration.observe({ route, method: request.method, status: String(reply.statusCode) }, seconds);
    // One line per request, without bodies or query strings: they may carry PII.
    log.info(
      {
        correlationId: request.correlationId,
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        sub: request.principal?.sub,
      },
      'request',
    );
    done();
  });
}

function mountOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Aftercare API')
    .setDescription(
      'Customer care for car dealers (API.md). Every call but /health, /ready and /metrics needs `Authorization: Bearer <JWT>`; ' +
        'errors are RFC 7807 application/problem+json; creates answer 201 with Location and ETag.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
