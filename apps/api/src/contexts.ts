import type { ContextDefinition } from '@aftercare/platform';
import { dealersContext } from '@aftercare/dealers';
import { customerAsOf, customersContext } from '@aftercare/customers';
import { complaintAsOf, complaintsContext } from '@aftercare/complaints';
import { callbackAsOf, callbacksContext } from '@aftercare/callbacks';
import { claimAsOf, claimsContext } from '@aftercare/claims';
import { auditContext } from '@aftercare/audit';
import { integrationContext } from '@aftercare/integration';
import { memberAsOf, membershipContext } from '@aftercare/membership';
import { segmentAsOf, segmentationContext } from '@aftercare/segmentation';

/**
 * The bounded contexts this product runs: adding a context is one line here
 * (see libs/platform/README.md "Adding a context"). Every host (api, projector,
 * all-in-one, the e2e harness) reads this list. Dealers come first: every scope
 * check needs the dealer directory.
 */
export const CONTEXTS: readonly ContextDefinition[] = [
  dealersContext,
  customersContext,
  complaintsContext,
  callbacksContext,
  claimsContext,
  membershipContext,
  auditContext({ asOf: [customerAsOf, complaintAsOf, callbackAsOf, claimAsOf, memberAsOf, segmentAsOf] }),
  integrationContext,
  segmentationContext,
];
