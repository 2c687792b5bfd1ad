export * from './decider-spec';
export * from './event-store-contract';
export * from './esdb-stand-in/esdb-stand-in';
export * from './flip-one-byte';
export * from './recorded-event';
export * from './projection-harness';
