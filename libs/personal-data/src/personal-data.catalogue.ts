/**
 * Which fields of which events are personal data (DOMAIN.md "Customer file"),
 * declared by the context that owns the events (`ContextDefinition.personalData`).
 * Those fields are stored encrypted with the key of the event's subject (the
 * person); every other field, ids above all, stays plaintext so streams, filters
 * and hash chains work without keys.
 */
export interface PersonalDataEventSpec {
  /** The data field naming the subject whose key encrypts the fields (e.g. `customerId`). */
  subject: string;
  /** The data fields that are personal data. */
  fields: readonly string[];
}

/** event type → its personal data. */
export type PersonalDataCatalogue = Readonly<Record<string, PersonalDataEventSpec>>;

/**
 * A context's personal data: the events carrying it, and the events that erase a
 * subject (type → the data field naming the subject), which readers take as the
 * moment to forget a cached key.
 */
export interface PersonalDataDeclaration {
  events: PersonalDataCatalogue;
  erasures?: Readonly<Record<string, string>>;
}

/** What a personal-data field reads as once its subject's key is destroyed (or was never given to this store). */
export const ERASED = '[erased]';

/** The `data` field holding the sealed personal fields of a stored event. */
export const SEALED_FIELD = 'personalData';

/** Merges the contexts' declarations; a type declared twice is a programming error. */
export function mergePersonalData(declarations: readonly (PersonalDataDeclaration | undefined)[]): Required<PersonalDataDeclaration> {
  const events: Record<string, PersonalDataEventSpec> = {};
  const erasures: Record<string, string> = {};
  for (const declaration of declarations) {
    for (const [type, spec] of Object.entries(declaration?.events ?? {})) {
      if (events[type]) throw new Error(`personal data of ${type} declared twice`);
      events[type] = spec;
    }
    Object.assign(erasures, declaration?.erasures ?? {});
  }
  return { events, erasures };
}
