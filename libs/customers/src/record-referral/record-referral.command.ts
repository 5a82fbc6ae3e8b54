import type { ReferralRecorded } from '../domain/customer.events';
import type { CustomerState } from '../domain/customer.state';
import { CustomerErrors } from '../domain/customer.errors';

export interface RecordReferral {
  customerId: string;
  referredCustomerId: string;
  /** Looked up by the handler: referrals are a loyalty signal, so both must be real customers. */
  referredExists: boolean;
  /** Looked up by the handler: the referred customer already referred this one (a referral cannot go both ways). */
  referredReferredUs?: boolean;
}

export function decideRecordReferral(command: RecordReferral, state: CustomerState): ReferralRecorded[] {
  if (!state.exists) throw CustomerErrors.notFound(command.customerId);
  if (command.referredCustomerId === command.customerId) throw CustomerErrors.selfReferral();
  if (!command.referredExists) throw CustomerErrors.referredNotFound(command.referredCustomerId);
  if (state.referred.includes(command.referredCustomerId)) throw CustomerErrors.alreadyReferred();
  if (command.referredReferredUs) throw CustomerErrors.circularReferral();
  return [{ type: 'ReferralRecorded', data: { customerId: command.customerId, referredCustomerId: command.referredCustomerId } }];
}
