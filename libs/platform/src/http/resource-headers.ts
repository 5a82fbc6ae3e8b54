import { applyDecorators, HttpCode } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

const LOCATION_CONFIG = 'aftercareLocation';

/**
 * A create (API.md): answers 201 and a `Location` built from the template, where
 * each `:name` is replaced by that field of the returned body (`:id` by its id).
 *   @Post() @Created('/api/v1/dealers/:id') register(...) { return { id, revision }; }
 */
export const Created = (locationTemplate: string) => applyDecorators(HttpCode(201), RouteConfig({ [LOCATION_CONFIG]: locationTemplate }));

/**
 * API.md: every response about one resource carries `ETag: "<revision>"`, and a
 * create its `Location`. A handler returns the resource (or `{ id, revision }`
 * after a command) with a numeric top-level `revision`; this Fastify
 * preSerialization hook sets the headers from the body, so an Idempotency-Key
 * replay of the same body gets the same headers. Lists and problems have no
 * `revision` and get none. A hook rather than a Nest interceptor: it costs
 * nothing per request beyond the property reads.
 */
export function setResourceHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
  if (payload === null || typeof payload !== 'object' || reply.statusCode >= 300) return;
  const { id, revision } = payload as { id?: unknown; revision?: unknown };
  if (typeof revision === 'number' && Number.isInteger(revision)) reply.header('etag', `"${revision}"`);
  const template = (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[LOCATION_CONFIG];
  if (typeof template === 'string' && (typeof id === 'string' || typeof id === 'number')) {
    // Every `:name` comes from the body's field of that name (`/vehicles/:vin/visits/:id`).
    const body = payload as Record<string, unknown>;
    const location = template.replace(/:(\w+)/g, (placeholder, name: string) => {
      const value = body[name];
      return typeof value === 'string' || typeof value === 'number' ? encodeURIComponent(String(value)) : placeholder;
    });
    reply.header('location', location);
  }
}
