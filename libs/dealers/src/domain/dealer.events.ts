import { DomainEvent, streamName } from '@aftercare/kernel';

/** Stored type strings: fixed here, never derived from class names. */
export const DealerEventTypes = {
  registered: 'DealerRegistered',
} as const;

export interface DealerRegisteredData {
  dealerId: string;
  name: string;
  /** The OEM region whose roles see this dealer's data (API.md "Dealers"). */
  region: string;
  [key: string]: unknown;
}

export type DealerRegistered = DomainEvent<typeof DealerEventTypes.registered, DealerRegisteredData>;
export type DealerEvent = DealerRegistered;

/** `dealer-<dealerId>`: the dealer's id is the client's, not a generated UUID. */
export function dealerStream(dealerId: string): string {
  return streamName('dealer', dealerId);
}
