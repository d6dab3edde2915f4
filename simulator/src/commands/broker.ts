import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { positiveInt } from './args.js';

/** The broker options every command shares, for `parseArgs`. */
export const BROKER_OPTIONS = {
  mqtt: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  'connect-timeout-ms': { type: 'string', default: '10000' },
} as const;

/** Help text for `BROKER_OPTIONS`. */
export const BROKER_HELP = `  --mqtt URL              broker (default: $LINGTAN_MQTT_URL or mqtt://127.0.0.1:1883)
  --username U            MQTT user name (default: $LINGTAN_MQTT_USERNAME)
  --password P            MQTT password (default: $LINGTAN_MQTT_PASSWORD)
  --connect-timeout-ms MS give up if the broker does not accept within this (default 10000)`;

/** The parsed values of `BROKER_OPTIONS`. */
export interface BrokerValues {
  readonly mqtt?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly 'connect-timeout-ms'?: string | undefined;
}

/** Where and how to connect, options first, then the environment. */
export function brokerSettings(values: BrokerValues): { url: string; username?: string | undefined; password?: string | undefined; connectTimeoutMs: number } {
  return {
    url: values.mqtt ?? process.env.LINGTAN_MQTT_URL ?? 'mqtt://127.0.0.1:1883',
    username: values.username ?? process.env.LINGTAN_MQTT_USERNAME,
    password: values.password ?? process.env.LINGTAN_MQTT_PASSWORD,
    connectTimeoutMs: positiveInt(values['connect-timeout-ms'] ?? '10000', '--connect-timeout-ms'),
  };
}

/**
 * Connect (MQTT 3.1.1, clean session unless `clean: false`). A broker that is not there
 * fails after the timeout naming the URL and the socket's reason (ECONNREFUSED); one that
 * refuses the credentials fails at once with the broker's CONNACK reason.
 */
export function connectBroker(values: BrokerValues, clientId: string, clean = true): Promise<MqttClient> {
  const { url, username, password, connectTimeoutMs } = brokerSettings(values);
  const client = mqtt.connect(url, { clientId, username, password, clean, reconnectPeriod: 1000, connectTimeout: connectTimeoutMs, protocolVersion: 4 });
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    const fail = (reason: string) => {
      clearTimeout(timer);
      client.removeListener('error', onError);
      client.end(true);
      reject(new Error(`cannot connect to the MQTT broker at ${url}: ${reason}`));
    };
    // CONNACK return codes 1-5 [MQTT-3.2.2-5]: retrying will not help.
    const onError = (error: Error & { code?: unknown }) => {
      lastError = error;
      if (typeof error.code === 'number' && error.code >= 1 && error.code <= 5) fail(error.message);
    };
    const timer = setTimeout(() => fail(`no connection within ${connectTimeoutMs} ms${lastError === undefined ? '' : ` (${lastError.message})`}`), connectTimeoutMs);
    client.on('error', onError);
    client.once('connect', () => {
      clearTimeout(timer);
      client.removeListener('error', onError);
      // Later errors (a dropped connection) are retried by the client; keep them from crashing the process.
      client.on('error', () => undefined);
      resolve(client);
    });
  });
}
