import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { defaultErrorFormatter } from 'mercurius';
import {
  ApiPlatformModule,
  APP_CONFIG,
  AppConfig,
  AUTHORIZATION_MATRIX,
  BASE_TYPE_DEFS,
  ContextDefinition,
  costLimitRule,
  depthLimitRule,
  GRAPHQL_MAX_TOKENS,
  GRAPHQL_PATH,
  graphqlSubscriptions,
  TokenService,
  validateMatrix,
  withProblemExtensions,
} from '@aftercare/platform';
import { AUTHORIZATION } from './authorization-matrix';

/**
 * REST and GraphQL over the contexts: commands and queries only, no projections
 * (ARCHITECTURE.md "Layout"). Shared by the api host and the all-in-one host.
 */
@Module({})
export class HttpApiModule {
  static forContexts(contexts: readonly ContextDefinition[]): DynamicModule {
    return {
      module: HttpApiModule,
      // Global: the guard (ApiPlatformModule) reads the matrix.
      global: true,
      imports: [
        CqrsModule.forRoot(),
        ApiPlatformModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          inject: [APP_CONFIG, TokenService],
          useFactory: (config: AppConfig, tokens: TokenService) => ({
            // Schema-first: each context contributes SDL that extends the base Query.
            typeDefs: [BASE_TYPE_DEFS, ...contexts.flatMap((c) => (c.typeDefs ? [c.typeDefs] : []))],
            path: GRAPHQL_PATH,
            graphiql: false,
            // Subscriptions (integration's `events`) over a websocket, one token per connection.
            subscription: graphqlSubscriptions(tokens),
            // Resolvers get the request (for the guard) and the verified principal.
            context: (request: FastifyRequest) => ({ req: request, principal: request.principal }),
            // Refused before anything runs: 400 GRAPHQL.TOO_DEEP / GRAPHQL.TOO_COSTLY.
            validationRules: [depthLimitRule(config.graphql.maxDepth), costLimitRule(config.graphql.maxCost)],
            // Parsing itself is bounded: a document of more tokens is a 400 before any rule walks it.
            graphql: { parseOptions: { maxTokens: GRAPHQL_MAX_TOKENS } },
            // Every error with extensions.code and extensions.status, like REST problems.
            errorFormatter: (execution, context) => withProblemExtensions(defaultErrorFormatter(execution, context)),
          }),
        }),
        ...contexts.map((c) => c.module),
      ],
      providers: [{ provide: AUTHORIZATION_MATRIX, useValue: checkedMatrix() }],
      exports: [AUTHORIZATION_MATRIX],
    };
  }
}

/** The table of apps/api/src/authorization-matrix.ts, refused at boot if it breaks its invariants. */
function checkedMatrix() {
  const problems = validateMatrix(AUTHORIZATION);
  if (problems.length) throw new Error(`authorization matrix:\n  ${problems.join('\n  ')}`);
  return AUTHORIZATION;
}
