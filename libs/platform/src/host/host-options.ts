import { Clock, UpcasterRegistry } from '@aftercare/kernel';
import type { AppConfig } from '../config/app-config';
import type { ContextDefinition } from '../contexts/context-definition';
import { mergePersonalData, type PersonalDataDeclaration } from '@aftercare/personal-data';

/** What a host (api, projector, all-in-one, an e2e test) decides at its composition root. */
export interface HostOptions {
  config: AppConfig;
  /** Name in logs and metrics. */
  service: string;
  /** The bounded contexts this deployment runs (apps/api/src/contexts.ts). */
  contexts: readonly ContextDefinition[];
  /** Business time; tests pass a FixedClock. Defaults to the system clock. */
  clock?: Clock;
  /** Whether this process runs projections and reactions (opens the projector's own read-store connection). */
  withProjector: boolean;
}

export const HOST_OPTIONS = Symbol('HostOptions');

/** Every context's upcasters in one registry, applied by the event store to events read back. */
export function upcastersOf(contexts: readonly ContextDefinition[]): UpcasterRegistry {
  const registry = new UpcasterRegistry();
  for (const context of contexts) context.upcasters?.(registry);
  return registry;
}

/** Every context's personal-data declaration in one (docs/personal-data.md). */
export function personalDataOf(contexts: readonly ContextDefinition[]): Required<PersonalDataDeclaration> {
  return mergePersonalData(contexts.map((c) => c.personalData));
}
