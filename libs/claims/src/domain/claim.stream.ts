import { streamName } from '@aftercare/kernel';

/** ARCHITECTURE.md: `<category>-<id>`, so `$ce-claim` lists every claim of both kinds. */
export const CLAIM_CATEGORY = 'claim';
export const claimStream = (claimId: string) => streamName(CLAIM_CATEGORY, claimId);
