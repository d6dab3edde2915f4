// `pnpm sim -- load` and the command line's help and errors, against a real Mosquitto.
import { startMosquitto, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { parseTelemetryPayload, parseTelemetryTopic } from '@lingtan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSim } from './cli-run.js';

let broker: RunningService;
let observer: MqttClient;
const received: { topic: string; payload: Buffer }[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  observer = await connectMqtt({ url: broker.url, clientId: 'load-observer' });
  await observer.subscribeAsync('ems/v1/#', { qos: 1 });
  observer.on('message', (topic, payload) => received.push({ topic, payload }));
});

afterAll(async () => {
  await observer?.endAsync();
  await broker?.stop();
});

describe('pnpm sim -- load', () => {
  it('publishes the asked number of valid readings across the fleet and reports the achieved rate', async () => {
    const result = await runSim(['load', '--count', '6000', '--rate', '50000', '--meters', '300', '--park', 'load-park'], { LINGTAN_MQTT_URL: broker.url });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/load: 6000 readings from 300 meters at 50000\/s \(each meter every 6 ms\)/);
    expect(result.output).toMatch(/load: done, 6000 messages in \d+ ms: \d+\/s achieved of 50000\/s, 0 errors/);
    await waitFor('6000 messages', () => Promise.resolve(received.length >= 6000), 20_000);
    expect(received).toHaveLength(6000);
    const lastTs = new Map<string, number>();
    for (const { topic, payload } of received) {
      const address = parseTelemetryTopic(topic);
      expect(address.ok && address.address.park).toBe('load-park');
      const parsed = parseTelemetryPayload(payload);
      if (!parsed.ok) throw new Error(`${topic}: ${parsed.detail}`);
      const tsMs = parsed.readings[0]!.tsMs;
      expect(tsMs).toBeGreaterThan(lastTs.get(topic) ?? 0); // each meter's readings in device-time order
      lastTs.set(topic, tsMs);
    }
    expect(lastTs.size).toBe(300);
  });
});

describe('the command line', () => {
  it('has help for every command', async () => {
    for (const command of ['run', 'record', 'replay', 'load', 'registry']) {
      const result = await runSim([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.output).toContain(`Usage: pnpm sim -- ${command}`);
    }
  });

  it('names the option of a bad value, and the broker it cannot reach', async () => {
    const bad = await runSim(['load', '--rate', 'fast', '--mqtt', broker.url]);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.output).toContain('--rate expects a number above 0, got "fast"');
    const away = await runSim(['load', '--count', '10', '--connect-timeout-ms', '500'], { LINGTAN_MQTT_URL: 'mqtt://127.0.0.1:1' });
    expect(away.output).toMatch(/cannot connect to the MQTT broker at mqtt:\/\/127\.0\.0\.1:1/);
  });
});
