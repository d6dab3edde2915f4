import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestorConfigSchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults and freezes the result', () => {
    const config = loadConfig(ingestorConfigSchema, { env: {} });
    expect(config.mqtt.url).toBe('mqtt://127.0.0.1:1883');
    expect(config.store).toMatchObject({ kind: 'influx', url: 'http://127.0.0.1:8086', database: 'lingtan', token: undefined });
    expect(config.batchSize).toBe(5000);
    expect(Object.isFrozen(config.store)).toBe(true);
  });

  it('names every bad key, what was expected and what it got', () => {
    const attempt = () =>
      loadConfig(ingestorConfigSchema, {
        env: { LINGTAN_MQTT_URL: 'localhost:1883', LINGTAN_INGESTOR_BATCH_SIZE: 'lots', LINGTAN_LOG_LEVEL: 'verbose' },
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/LINGTAN_MQTT_URL: expected a mqtt:\/\/ .* URL, e\.g\. mqtt:\/\/127\.0\.0\.1:1883; got "localhost:1883"/);
    expect(attempt).toThrow(/LINGTAN_INGESTOR_BATCH_SIZE: expected a whole number/);
    expect(attempt).toThrow(/LINGTAN_LOG_LEVEL: expected one of fatal, error/);
  });

  it('reads a YAML file and lets the environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingtan-config-'));
    const file = join(dir, 'lingtan.yaml');
    writeFileSync(file, 'LINGTAN_INFLUX_DB: from_file\nLINGTAN_INFLUX_TOKEN: secret\nLINGTAN_INGESTOR_BATCH_SIZE: 250\n');
    const config = loadConfig(ingestorConfigSchema, { env: { LINGTAN_CONFIG: file, LINGTAN_INFLUX_DB: 'from_env' } });
    expect(config.store).toMatchObject({ database: 'from_env', token: 'secret' });
    expect(config.batchSize).toBe(250);
  });

  it('refuses a config file with keys that are not LINGTAN_* names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingtan-config-'));
    const file = join(dir, 'lingtan.json');
    writeFileSync(file, JSON.stringify({ mqtt_url: 'mqtt://x' }));
    expect(() => loadConfig(ingestorConfigSchema, { env: {}, file })).toThrow(/keys must be LINGTAN_\* names, found mqtt_url/);
  });

  it('says when the config file cannot be read', () => {
    expect(() => loadConfig(ingestorConfigSchema, { env: { LINGTAN_CONFIG: '/nonexistent/lingtan.yaml' } })).toThrow(/cannot read \/nonexistent/);
  });
});

describe('store selection', () => {
  it('picks the embedded store under the data directory', () => {
    const config = loadConfig(ingestorConfigSchema, { env: { LINGTAN_STORE: 'embedded', LINGTAN_DATA_DIR: '/var/lib/lingtan/' } });
    expect(config.store).toEqual({ kind: 'embedded', path: '/var/lib/lingtan/lingtan.duckdb' });
  });

  it('refuses an unknown store kind', () => {
    expect(() => loadConfig(ingestorConfigSchema, { env: { LINGTAN_STORE: 'postgres' } })).toThrow(/LINGTAN_STORE: expected one of influx, embedded, remote; got "postgres"/);
  });
});
