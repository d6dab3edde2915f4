export { fixedClock } from './clock.js';
export type { Clock } from './clock.js';
export { indexRegistry } from './registry-index.js';
export type { RegistryIndex } from './registry-index.js';
