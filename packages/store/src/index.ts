export { StoreError } from './port.js';
export type { TelemetryPoint, TelemetryQuery, TimeSeriesStore } from './port.js';
export { createInfluxStore } from './influx/influx-store.js';
export type { InfluxConnection } from './influx/influx-http.js';
export { createMemoryStore } from './memory/memory-store.js';
export { createDuckDbStore } from './duckdb/duckdb-store.js';
export type { DuckDbStoreOptions } from './duckdb/duckdb-store.js';
export { describeStore, openStore } from './open-store.js';
