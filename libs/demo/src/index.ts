/** The demo data generator (issue #10): a seeded dealer group driven through the real command handlers. */
export { generateDemo } from './demo-generator';
export type { DemoOptions, DemoProgress, DemoResult, DemoTarget } from './demo-generator';
export { CustomerTimeline } from './customer-timeline';
export type { Action } from './customer-timeline';
export { Rng } from './prng';
export { makeVin, checkDigit, MODELS } from './catalogue';
