import type { DomainEvent } from '@aftercare/kernel';

/** Stored type strings: fixed here, never derived from class names. */
export const CustomerEventTypes = {
  CustomerRegistered: 'CustomerRegistered',
  ContactDetailsChanged: 'ContactDetailsChanged',
  CustomerFlaggedSensitive: 'CustomerFlaggedSensitive',
  ContactPreferencesSet: 'ContactPreferencesSet',
  ReferralRecorded: 'ReferralRecorded',
  PersonalDataErased: 'PersonalDataErased',
} as const;

export const SENSITIVE_KINDS = ['media', 'vip', 'key_account', 'demanding'] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

export interface PersonalDetails {
  name: string;
  phone: string;
  gender?: 'male' | 'female' | 'other' | null;
  birthDate?: string | null;
  nationalId?: string | null;
  email?: string | null;
  address?: string | null;
  company?: string | null;
  bestContactTime?: string | null;
}

export type CustomerRegistered = DomainEvent<'CustomerRegistered', PersonalDetails & { customerId: string; dealerId: string }>;
export type ContactDetailsChanged = DomainEvent<
  'ContactDetailsChanged',
  { customerId: string; phone?: string; email?: string; address?: string; bestContactTime?: string }
>;
/** R-CF-2: the flag keeps its reason and who set it. */
export type CustomerFlaggedSensitive = DomainEvent<
  'CustomerFlaggedSensitive',
  { customerId: string; kind: SensitiveKind; reason: string; flaggedBy: string; flaggedByRole: string }
>;
export type ContactPreferencesSet = DomainEvent<'ContactPreferencesSet', { customerId: string; doNotCall: string[]; reason: string }>;
export type ReferralRecorded = DomainEvent<'ReferralRecorded', { customerId: string; referredCustomerId: string }>;

/**
 * DELETE /customers/{id}/personal-data: the customer's key is destroyed, so every
 * personal field of their events reads as erased from now on; the events, ids and
 * counts stay (docs/personal-data.md).
 */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { customerId: string; reason: string; erasedBy: string; erasedByRole: string }>;

export type CustomerEvent =
  | CustomerRegistered
  | PersonalDataErased
  | ContactDetailsChanged
  | CustomerFlaggedSensitive
  | ContactPreferencesSet
  | ReferralRecorded;
