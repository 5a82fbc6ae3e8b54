import { DealerEvent, DealerEventTypes } from './dealer.events';

export type DealerState = { registered: false } | { registered: true; dealerId: string; name: string; region: string };

export const initialDealerState = (): DealerState => ({ registered: false });

export function evolveDealer(state: DealerState, event: DealerEvent): DealerState {
  switch (event.type) {
    case DealerEventTypes.registered:
      return { registered: true, dealerId: event.data.dealerId, name: event.data.name, region: event.data.region };
    default:
      return state;
  }
}
