import type { Principal } from '../auth/principal';
import type { TokenService } from '../auth/token.service';

/**
 * GraphQL subscriptions run over a websocket (mercurius, `graphql-transport-ws`),
 * authenticated once per connection: the `connection_init` payload carries
 * `{ "authorization": "Bearer <jwt>" }` (browsers cannot set headers on a
 * websocket). A connection without a valid token is refused. What this returns
 * extends every subscription's context: `req` stands in for the HTTP request the
 * guard and @Caller() read the principal from.
 */
export function graphqlSubscriptions(tokens: TokenService) {
  return {
    onConnect: ({ payload }: { payload?: Record<string, unknown> | null }): false | { req: { principal: Principal; headers: Record<string, unknown> }; principal: Principal } => {
      try {
        const principal = tokens.authenticate((payload?.authorization ?? payload?.Authorization) as string | undefined);
        return { req: { principal, headers: {} }, principal };
      } catch {
        return false;
      }
    },
  };
}
