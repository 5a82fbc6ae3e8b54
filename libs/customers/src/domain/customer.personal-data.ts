import type { PersonalDataDeclaration, SealedFields } from '@aftercare/personal-data';
import type { Upcaster, UpcasterRegistry } from '@aftercare/kernel';

/** DOMAIN.md "Customer file": the personal fields of the customer's events; ids stay plaintext. */
export const PERSONAL_DETAIL_FIELDS = ['name', 'phone', 'gender', 'birthDate', 'nationalId', 'email', 'address', 'company', 'bestContactTime'] as const;
export const CONTACT_DETAIL_FIELDS = ['phone', 'email', 'address', 'bestContactTime'] as const;

/** Sealed with the customer's key (docs/personal-data.md); PersonalDataErased destroys it. */
export const CUSTOMER_PERSONAL_DATA: PersonalDataDeclaration = {
  events: {
    CustomerRegistered: { subject: 'customerId', fields: PERSONAL_DETAIL_FIELDS },
    ContactDetailsChanged: { subject: 'customerId', fields: CONTACT_DETAIL_FIELDS },
  },
  erasures: { PersonalDataErased: 'customerId' },
};

/**
 * schemaVersion 1 (before encryption) kept the personal fields in plaintext. The
 * upcaster wraps them as an unencrypted envelope (`alg: "none"`), so every reader
 * gets them through the same path as sealed ones, erased included.
 */
function wrapPlaintext(fields: readonly string[]): Upcaster {
  return (data) => {
    const rest: Record<string, unknown> = {};
    const plain: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(data)) {
      if (value === undefined) continue;
      if (fields.includes(field)) plain[field] = value;
      else rest[field] = value;
    }
    const envelope: SealedFields = { alg: 'none', subject: String(data.customerId), fields: Object.keys(plain).filter((f) => plain[f] !== null), plain };
    return { ...rest, personalData: envelope };
  };
}

export function registerCustomerUpcasters(registry: UpcasterRegistry): void {
  registry.register('CustomerRegistered', 1, wrapPlaintext(PERSONAL_DETAIL_FIELDS));
  registry.register('ContactDetailsChanged', 1, wrapPlaintext(CONTACT_DETAIL_FIELDS));
}
