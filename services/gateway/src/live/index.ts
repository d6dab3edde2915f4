export { createLiveModel } from './live-model.js';
export type { DeadLettersToday, LiveModel, LiveModelDeps } from './live-model.js';
export type { MeterStatusRow } from './meter-book.js';
export type { DayBudget, LiveBudgets } from './budget-levels.js';
