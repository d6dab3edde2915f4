import type { StoreConfig } from '@lingtan/schema';
import { createDuckDbStore } from './duckdb/duckdb-store.js';
import { createInfluxStore } from './influx/influx-store.js';
import type { TimeSeriesStore } from './port.js';
import { createRemoteStore } from './remote/remote-store.js';

/**
 * Open the store the configuration names: InfluxDB (with its raw retention and rollups
 * aligned to `timeZone`, the park's), the embedded DuckDB file, or a store another process
 * serves over HTTP (`startStoreServer`; the host's store keeps its own settings).
 */
export function openStore(config: StoreConfig, timeZone: string): TimeSeriesStore {
  switch (config.kind) {
    case 'influx':
      return createInfluxStore({ ...config, lifecycle: { rawRetentionDays: config.rawRetentionDays, timeZone } });
    case 'embedded':
      return createDuckDbStore({ path: config.path });
    case 'remote':
      return createRemoteStore({ url: config.url });
  }
}

/** Where the configured store lives, for log lines (no secrets). */
export function describeStore(config: StoreConfig): Record<string, string> {
  switch (config.kind) {
    case 'influx':
      return { store: 'influx', url: config.url, database: config.database };
    case 'embedded':
      return { store: 'embedded', path: config.path };
    case 'remote':
      return { store: 'remote', url: config.url };
  }
}
