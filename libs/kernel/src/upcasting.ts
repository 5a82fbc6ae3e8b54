import type { RecordedEvent } from './event';

/**
 * Stored events are never rewritten (ARCHITECTURE.md): an old schema version is
 * upcast on read, one version step at a time.
 */
export type Upcaster = (data: Record<string, unknown>, event: RecordedEvent) => Record<string, unknown>;

export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();
  private readonly latest = new Map<string, number>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` for `type`. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    let byVersion = this.steps.get(type);
    if (!byVersion) this.steps.set(type, (byVersion = new Map()));
    if (byVersion.has(fromVersion)) throw new Error(`upcaster ${type} v${fromVersion} registered twice`);
    byVersion.set(fromVersion, upcast);
    this.latest.set(type, Math.max(this.latest.get(type) ?? 1, fromVersion + 1));
    return this;
  }

  currentVersion(type: string): number {
    return this.latest.get(type) ?? 1;
  }

  upcast<E extends RecordedEvent>(event: E): E {
    const byVersion = this.steps.get(event.type);
    if (!byVersion) return event;
    let version = event.metadata.schemaVersion ?? 1;
    let data = event.data as Record<string, unknown>;
    let step = byVersion.get(version);
    if (!step) return event;
    while (step) {
      data = step(data, event);
      version++;
      step = byVersion.get(version);
    }
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } } as E;
  }
}
