import { DEALER_ROLES, OEM_ROLES, Role } from '@aftercare/kernel';

/** Every dealer role writes its own dealer's data (API.md "Conventions"). */
export const WRITER_DEALER_ROLES: readonly Role[] = DEALER_ROLES;

/** OEM roles: they see the dealers of their region. */
export const OEM_READER_ROLES: readonly Role[] = OEM_ROLES;

/** Roles that read everything, never write. */
export const AUDIT_ROLES: readonly Role[] = ['auditor', 'admin'];
