import { DomainError } from '@aftercare/kernel';

export const DealerErrors = {
  alreadyRegistered: (dealerId: string) => DomainError.conflict('DEALER.ALREADY_REGISTERED', `dealer ${dealerId} is already registered`, { dealerId }),
  notFound: (dealerId: string) => DomainError.notFound('DEALER.NOT_FOUND', `no dealer ${dealerId}`, { dealerId }),
};
