import type { ContextDefinition } from '@aftercare/platform';
import { dealersContext } from '@aftercare/dealers';
import { customersContext } from '@aftercare/customers';
import { complaintsContext } from '@aftercare/complaints';
import { callbacksContext } from '@aftercare/callbacks';
import { claimsContext } from '@aftercare/claims';

/**
 * The bounded contexts this product runs: adding a context is one line here
 * (see libs/platform/README.md "Adding a context"). Every host (api, projector,
 * all-in-one, the e2e harness) reads this list. Dealers come first: every scope
 * check needs the dealer directory.
 */
export const CONTEXTS: readonly ContextDefinition[] = [dealersContext, customersContext, complaintsContext, callbacksContext, claimsContext];
