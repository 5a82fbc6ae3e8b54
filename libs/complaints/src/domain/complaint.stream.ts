import { streamName } from '@aftercare/kernel';

/** ARCHITECTURE.md: `<category>-<id>`, so `$ce-complaint` lists every complaint. */
export const COMPLAINT_CATEGORY = 'complaint';
export const complaintStream = (complaintId: string) => streamName(COMPLAINT_CATEGORY, complaintId);
