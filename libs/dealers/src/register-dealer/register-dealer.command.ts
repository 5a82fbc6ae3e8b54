import { DealerEvent, DealerEventTypes } from '../domain/dealer.events';
import type { DealerState } from '../domain/dealer.state';
import { DealerErrors } from '../domain/dealer.errors';

export interface RegisterDealer {
  dealerId: string;
  name: string;
  region: string;
}

/** A dealer id names one dealer for good: registering it twice is a conflict. */
export function decideRegisterDealer(command: RegisterDealer, state: DealerState): DealerEvent[] {
  if (state.registered) throw DealerErrors.alreadyRegistered(command.dealerId);
  return [{ type: DealerEventTypes.registered, data: { dealerId: command.dealerId, name: command.name, region: command.region } }];
}
