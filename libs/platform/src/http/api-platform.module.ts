import { Global, Module, ValidationPipe } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthGuard } from '../auth/auth.guard';
import { ScopeService } from '../auth/scope.service';
import { BaseResolver } from '../graphql/base-schema.resolver';
import { RequestValidationError } from './problem-details';

/**
 * The API side of the platform: the global guard (401/403), the validation pipe
 * (unknown fields → 400), and ScopeService for the contexts. Needs
 * DEALER_DIRECTORY (libs/dealers). Idempotency-Key, ETag and Location are Fastify
 * hooks installed by createHttpHost (http/idempotency.hooks.ts, resource-headers.ts).
 */
@Global()
@Module({
  providers: [
    ScopeService,
    BaseResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
    {
      provide: APP_PIPE,
      useFactory: () =>
        new ValidationPipe({
          whitelist: true,
          forbidNonWhitelisted: true,
          transform: true,
          validationError: { target: false, value: false },
          exceptionFactory: (errors) => RequestValidationError.fromClassValidator(errors),
        }),
    },
  ],
  exports: [ScopeService],
})
export class ApiPlatformModule {}
