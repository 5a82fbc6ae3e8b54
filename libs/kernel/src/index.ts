export * from './roles';
export * from './event';
export * from './decider';
export * from './domain-error';
export * from './clock';
export * from './ids';
export * from './upcasting';
export * from './decider-spec';
