import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { TokenService } from './token.service';
import { requestOf } from './request-of';
import { AUTHORIZATION_MATRIX, AuthorizationMatrix, checkAccess, isPublic } from './authorization-matrix';
import type { Principal } from './principal';

/**
 * The one global guard and the one place where "who may call X" is enforced, for
 * REST, SSE and GraphQL (queries, mutations, subscriptions): it authenticates
 * the bearer token (401) and looks the endpoint up in the authorization matrix
 * (403; no entry: `AUTH.NO_POLICY`). Data scope (which dealer) is checked where
 * the dealer is known, by ScopeService, as the matrix's `scope` column says.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    @Inject(AUTHORIZATION_MATRIX) private readonly matrix: AuthorizationMatrix,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const key = endpointKeyOf(context);
    if (isPublic(this.matrix, key)) return true;
    const principal = this.principalOf(context);
    const refusal = checkAccess(this.matrix, key, principal.role);
    if (refusal) throw refusal;
    return true;
  }

  private principalOf(context: ExecutionContext): Principal {
    if (context.getType<string>() === 'graphql') {
      // A subscription runs on its websocket connection's context (graphql/subscription-auth.ts).
      const gql = GqlExecutionContext.create(context).getContext<{ req?: { principal?: Principal; headers: Record<string, unknown> }; principal?: Principal }>();
      if (gql.req) return (gql.req.principal ??= this.tokens.authenticate(gql.req.headers.authorization as string | undefined));
      if (gql.principal) return gql.principal;
      return this.tokens.authenticate(undefined);
    }
    const request = requestOf(context);
    return (request.principal ??= this.tokens.authenticate(request.headers.authorization));
  }
}

/**
 * The matrix key of a call: `METHOD /route/pattern` for REST and SSE (HEAD is
 * its GET), `Query.x` / `Mutation.x` / `Subscription.x` for a GraphQL root field.
 */
export function endpointKeyOf(context: ExecutionContext): string {
  if (context.getType<string>() === 'graphql') {
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string }; fieldName: string }>();
    return `${info.parentType.name}.${info.fieldName}`;
  }
  const request = requestOf(context);
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  return `${method} ${request.routeOptions?.url ?? request.url}`;
}
