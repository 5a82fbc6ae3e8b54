import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { ApiPlatformModule, BASE_TYPE_DEFS, ContextDefinition, GRAPHQL_PATH } from '@aftercare/platform';

/**
 * REST and GraphQL over the contexts: commands and queries only, no projections
 * (ARCHITECTURE.md "Layout"). Shared by the api host and the all-in-one host.
 */
@Module({})
export class HttpApiModule {
  static forContexts(contexts: readonly ContextDefinition[]): DynamicModule {
    return {
      module: HttpApiModule,
      imports: [
        CqrsModule.forRoot(),
        ApiPlatformModule,
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          // Schema-first: each context contributes SDL that extends the base Query.
          typeDefs: [BASE_TYPE_DEFS, ...contexts.flatMap((c) => (c.typeDefs ? [c.typeDefs] : []))],
          path: GRAPHQL_PATH,
          graphiql: false,
          // Resolvers get the request (for the guard) and the verified principal.
          context: (request: FastifyRequest) => ({ req: request, principal: request.principal }),
        }),
        ...contexts.map((c) => c.module),
      ],
    };
  }
}
