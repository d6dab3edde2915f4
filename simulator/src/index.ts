export { fleetMessages, localHour, payloadOf } from './fleet.js';
export type { FleetMessage, FleetPlan } from './fleet.js';
export { syntheticRegistry } from './generate-registry.js';
export type { SyntheticParkOptions } from './generate-registry.js';
export { createMeterModel } from './meter-model.js';
export { createRng, seedFrom } from './prng.js';
export { publishMessages } from './publisher.js';
export type { PublishOptions, PublishSummary } from './publisher.js';
