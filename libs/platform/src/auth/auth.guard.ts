import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@aftercare/kernel';
import { TokenService } from './token.service';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { isWriteCall, requestOf } from './request-of';
import { checkRole } from './role-policy';

/**
 * The one global guard (REST and GraphQL): authenticates the bearer token (401)
 * and applies the role policy (403). Data scope (which dealer) is checked where
 * the dealer is known, by ScopeService.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    const principal = (request.principal ??= this.tokens.authenticate(request.headers.authorization));
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const endpoint = context.getType<string>() === 'http' ? `${request.method} ${request.routeOptions?.url ?? ''}` : undefined;
    const refusal = checkRole(principal.role, allowed, isWriteCall(context), endpoint);
    if (refusal) throw refusal;
    return true;
  }
}
