export { startEventStoreDbDouble, type EventStoreDbDouble, type EventStoreDbDoubleOptions } from './eventstoredb-double';
