import type { StoreConfig } from '@lingtan/schema';
import { createDuckDbStore } from './duckdb/duckdb-store.js';
import { createInfluxStore } from './influx/influx-store.js';
import type { TimeSeriesStore } from './port.js';

/**
 * Open the store the configuration names: InfluxDB (with its raw retention and rollups
 * aligned to `timeZone`, the park's), or the embedded DuckDB file.
 */
export function openStore(config: StoreConfig, timeZone: string): TimeSeriesStore {
  switch (config.kind) {
    case 'influx':
      return createInfluxStore({ ...config, lifecycle: { rawRetentionDays: config.rawRetentionDays, timeZone } });
    case 'embedded':
      return createDuckDbStore({ path: config.path });
    case 'remote':
      // PLACEHOLDER until the remote adapter lands.
      throw new Error('LINGTAN_STORE=remote: not built yet');
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
