import { SetMetadata } from '@nestjs/common';
import type { Role } from '@aftercare/kernel';

export const ROLES_KEY = 'aftercare:roles';
export const PUBLIC_KEY = 'aftercare:public';

/** Admits only these roles (see role-policy.ts for the unmarked default). On a controller or a handler. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No token needed: only /health, /ready and /metrics (API.md "Conventions"). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
