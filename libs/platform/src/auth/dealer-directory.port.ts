/**
 * Which region a dealer belongs to: what OEM scope checks need. The dealers context
 * implements it (libs/dealers); the platform only depends on this port so it never
 * imports a context.
 */
export interface DealerDirectory {
  /** null when no such dealer is registered. */
  regionOf(dealerId: string): Promise<string | null>;
  /** Ids of the dealers registered in a region. */
  dealersInRegion(region: string): Promise<string[]>;
}

export const DEALER_DIRECTORY = Symbol('DealerDirectory');
