import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { LingtanError } from './errors.js';

export type { MqttClient } from 'mqtt';

/** How a service connects to the broker. */
export interface MqttConnectOptions {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /**
   * false: a persistent session, so the broker keeps QoS 1 messages while the client is away
   * [MQTT-3.1.2-4].
   */
  readonly clean?: boolean;
  /** How long to wait for the first connection before failing. */
  readonly connectTimeoutMs?: number;
  readonly extra?: Partial<IClientOptions>;
}

/**
 * Connect and resolve once the broker accepts; fail with `mqtt_unavailable` after the
 * timeout. After that the client reconnects by itself.
 */
export function connectMqtt(options: MqttConnectOptions): Promise<MqttClient> {
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const client = mqtt.connect(options.url, {
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    clean: options.clean ?? true,
    reconnectPeriod: 1000,
    connectTimeout: timeoutMs,
    protocolVersion: 4,
    ...options.extra,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new LingtanError('mqtt_unavailable', `no connection to ${options.url} within ${timeoutMs} ms`, { url: options.url }));
    }, timeoutMs);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve(client);
    });
  });
}
