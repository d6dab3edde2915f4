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
 * Create a client without connecting, so handlers can be installed before the first
 * packet: a persistent session's queued messages arrive right after CONNACK, and mqtt.js
 * acknowledges any that arrive before `handleMessage` is set. Connect with `openMqtt`.
 */
export function createMqttClient(options: MqttConnectOptions): MqttClient {
  return mqtt.connect(options.url, {
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    clean: options.clean ?? true,
    reconnectPeriod: 1000,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    protocolVersion: 4,
    manualConnect: true,
    ...options.extra,
  });
}

/**
 * Connect a client made by `createMqttClient`; resolves once the broker accepts, fails with
 * `mqtt_unavailable` after `timeoutMs`. After that the client reconnects by itself.
 */
export function openMqtt(client: MqttClient, timeoutMs = 10_000): Promise<MqttClient> {
  const url = `${client.options.protocol ?? 'mqtt'}://${client.options.hostname ?? ''}:${client.options.port ?? ''}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new LingtanError('mqtt_unavailable', `no connection to ${url} within ${timeoutMs} ms`, { url }));
    }, timeoutMs);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve(client);
    });
    client.connect();
  });
}

/** Create and connect a client (for clients with no persistent session to protect). */
export function connectMqtt(options: MqttConnectOptions): Promise<MqttClient> {
  return openMqtt(createMqttClient(options), options.connectTimeoutMs);
}
