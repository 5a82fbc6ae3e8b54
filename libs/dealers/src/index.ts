export { dealersContext } from './dealers.context';
export { DealersModule } from './dealers.module';
export { DealerDirectoryService } from './dealer-directory/dealer-directory.service';
export { DealerEventTypes, dealerStream } from './domain/dealer.events';
export type { DealerRegistered, DealerRegisteredData, DealerEvent } from './domain/dealer.events';
export { DEALERS } from './read-models/dealers/dealer.view';
export type { DealerView } from './read-models/dealers/dealer.view';

/** Commands other code may send on the CommandBus (e.g. the demo generator in libs/demo). */
export { RegisterDealerCommand } from './register-dealer/register-dealer.handler';
