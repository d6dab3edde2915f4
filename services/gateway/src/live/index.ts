export { createLiveModel } from './live-model.js';
export type { DeadLettersToday, LiveModel, LiveModelDeps } from './live-model.js';
export type { MeterStatusRow } from './meter-book.js';
export type { DayBudget, LiveBudgets } from './budget-levels.js';
export { budgetsFromRegistry } from './budget-levels.js';
export { attachLiveFeed } from './live-feed.js';
export type { LiveAuditEntry, LiveFeed, LiveFeedDeps } from './live-feed.js';
export { authorizeJoin, enterpriseRoom, meterRoom, parkRoom } from './rooms.js';
export type { JoinDecision } from './rooms.js';
