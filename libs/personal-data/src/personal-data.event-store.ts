import type { NewEvent, RecordedEvent } from '@aftercare/kernel';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
} from '@aftercare/event-store';
import { isSealedFields, openFields, sealFields, type SealedFields } from './field-cipher';
import { ERASED, SEALED_FIELD, type PersonalDataCatalogue } from './personal-data.catalogue';
import type { KeyLookup, KeyStore } from './key-store/key-store.port';

export interface PersonalDataEventStoreOptions {
  /** How long a looked-up key (or its absence) is trusted in this process. Default 30 s. */
  cacheTtlMs?: number;
  /** Most keys cached. Default 10,000. */
  cacheSize?: number;
  /** The schemaVersion sealed events are written with (what the contexts' upcasters lead up to). Default 2. */
  sealedSchemaVersion?: number;
  /** Event types that erase a subject: seen on read, they drop its cached key at once. */
  erasureTypes?: Record<string, string>;
  now?: () => number;
}

/**
 * Crypto-shredding at the event store port (docs/personal-data.md). On append,
 * the personal fields the catalogue names are sealed (AES-256-GCM) with the key
 * of the event's subject into `data.personalData`; everything else is stored as
 * is, and the hash chain underneath seals the ciphertext. On read, they are
 * opened again; once the subject's key is destroyed they read as `[erased]`,
 * which is all any projection, as-of answer or audit read ever sees of them.
 *
 * Events written before encryption (schemaVersion 1) reach this layer through the
 * owning context's upcaster as `alg: "none"` envelopes, so they read the same
 * way, erased included (the plaintext stays in their stored bytes: see the doc).
 */
export class PersonalDataEventStore implements EventStore {
  private readonly cache = new Map<string, { lookup: KeyLookup; until: number }>();
  private readonly ttlMs: number;
  private readonly cacheSize: number;
  private readonly sealedVersion: number;
  private readonly erasureTypes: Record<string, string>;
  private readonly now: () => number;

  constructor(
    private readonly inner: EventStore,
    readonly keys: KeyStore,
    private readonly catalogue: PersonalDataCatalogue,
    options: PersonalDataEventStoreOptions = {},
  ) {
    this.ttlMs = options.cacheTtlMs ?? 30_000;
    this.cacheSize = options.cacheSize ?? 10_000;
    this.sealedVersion = options.sealedSchemaVersion ?? 2;
    this.erasureTypes = options.erasureTypes ?? {};
    this.now = options.now ?? Date.now;
  }

  /** The same log with personal fields left sealed, for readers that never show them. */
  get sealed(): EventStore {
    return this.inner;
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (!Array.isArray(events)) return this.inner.append(stream, events, options);
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.seal(event));
    return this.inner.append(stream, sealed, options);
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(stream, options));
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.readAll(options)) yield await this.open(event);
  }

  subscribe(options?: SubscribeOptions): EventSubscription {
    const inner = this.inner.subscribe(options);
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield await self.open(event);
      },
      async *batches() {
        for await (const batch of inner.batches()) yield await self.openAll(batch);
      },
      close: () => inner.close(),
    };
  }

  headPosition() {
    return this.inner.headPosition();
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.inner.close(), this.keys.close()]);
  }

  /** Destroys the subject's key (crypto-shredding) and forgets it in this process. */
  async destroyKey(subject: string, at: string): Promise<boolean> {
    this.cache.delete(subject);
    const destroyed = await this.keys.destroy(subject, at);
    this.cache.delete(subject);
    return destroyed;
  }

  private async seal(event: NewEvent): Promise<NewEvent> {
    const spec = this.catalogue[event.type];
    const data = event.data as Record<string, unknown> | undefined;
    if (!spec || !data || isSealedFields(data[SEALED_FIELD])) return event;
    const subject = data[spec.subject];
    if (typeof subject !== 'string' || !subject) throw new Error(`${event.type}: personal data needs its subject in data.${spec.subject}`);
    const rest: Record<string, unknown> = {};
    const personal: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(data)) {
      if (value === undefined) continue;
      if (spec.fields.includes(field)) personal[field] = value;
      else rest[field] = value;
    }
    const key = await this.keys.keyFor(subject); // throws SubjectErasedError once erased
    this.remember(subject, { status: 'active', key });
    rest[SEALED_FIELD] = sealFields(key, event.type, subject, personal);
    return { ...event, data: rest, metadata: { ...event.metadata, schemaVersion: this.sealedVersion } };
  }

  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) out[i] = await this.open(events[i]);
    return out;
  }

  private async open(event: RecordedEvent): Promise<RecordedEvent> {
    const erased = this.erasureTypes[event.type];
    if (erased) {
      const subject = (event.data as Record<string, unknown>)[erased];
      if (typeof subject === 'string') this.cache.delete(subject);
      return event;
    }
    const spec = this.catalogue[event.type];
    if (!spec) return event;
    const data = event.data as Record<string, unknown>;
    const sealed = data[SEALED_FIELD];
    if (isSealedFields(sealed)) {
      const { [SEALED_FIELD]: _sealed, ...rest } = data;
      return { ...event, data: { ...rest, ...(await this.openSealed(event.type, sealed)) } };
    }
    // Plaintext as stored before encryption, read without the upcaster (a raw store).
    const subject = data[spec.subject];
    if (typeof subject !== 'string') return event;
    const lookup = await this.lookup(subject);
    if (lookup.status !== 'destroyed') return event;
    const masked = { ...data };
    for (const field of spec.fields) if (masked[field] !== undefined && masked[field] !== null) masked[field] = ERASED;
    return { ...event, data: masked };
  }

  private async openSealed(type: string, sealed: SealedFields): Promise<Record<string, unknown>> {
    const lookup = await this.lookup(sealed.subject);
    if (lookup.status === 'active' || (sealed.alg === 'none' && lookup.status === 'none')) {
      return openFields(lookup.status === 'active' ? lookup.key : Buffer.alloc(0), type, sealed);
    }
    // Destroyed, or sealed with a key this store never got (an import without --keys).
    return Object.fromEntries(sealed.fields.map((field) => [field, ERASED]));
  }

  private async lookup(subject: string): Promise<KeyLookup> {
    const hit = this.cache.get(subject);
    const now = this.now();
    if (hit && hit.until > now) return hit.lookup;
    const lookup = await this.keys.lookup(subject);
    this.remember(subject, lookup);
    return lookup;
  }

  private remember(subject: string, lookup: KeyLookup): void {
    this.cache.delete(subject);
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(subject, { lookup, until: this.now() + this.ttlMs });
  }
}
