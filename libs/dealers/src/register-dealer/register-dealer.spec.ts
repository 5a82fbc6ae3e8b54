import { deciderSpec } from '@aftercare/kernel';
import { DealerEvent, DealerEventTypes } from '../domain/dealer.events';
import { evolveDealer, initialDealerState } from '../domain/dealer.state';
import { decideRegisterDealer, RegisterDealer } from './register-dealer.command';

const spec = deciderSpec<RegisterDealer, ReturnType<typeof initialDealerState>, DealerEvent>({
  decide: decideRegisterDealer,
  evolve: evolveDealer,
  initialState: initialDealerState,
});

const registered: DealerEvent = { type: DealerEventTypes.registered, data: { dealerId: 'D1', name: 'Shanghai Pudong 4S', region: 'east' } };

describe('registering a dealer', () => {
  it('registers a new dealer in its region', () => {
    spec.given([]).when({ dealerId: 'D1', name: 'Shanghai Pudong 4S', region: 'east' }).then([registered]);
  });

  it('refuses a dealer id that is already registered', () => {
    spec.given([registered]).when({ dealerId: 'D1', name: 'Another name', region: 'west' }).thenThrows('DEALER.ALREADY_REGISTERED');
  });
});
