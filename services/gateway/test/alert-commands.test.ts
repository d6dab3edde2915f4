// Acknowledge and clear go to the rules service as AlertCommands on a real Mosquitto, with
// `by` taken from the session; a refused action publishes nothing.
import { startMosquitto } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { alertCommandSchema, alertCommandsTopic } from '@lingtan/schema';
import type { AlertCommand } from '@lingtan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, PARK, errorOf, login, startGateway } from './fixture.js';
import type { TestGateway } from './fixture.js';

let broker: RunningService;
let publisher: MqttClient;
let observer: MqttClient;
let gw: TestGateway;
const received: AlertCommand[] = [];
let arrived: (() => void) | undefined;

beforeAll(async () => {
  broker = await startMosquitto();
  publisher = await connectMqtt({ url: broker.url, clientId: 'it-gateway-commands' });
  observer = await connectMqtt({ url: broker.url, clientId: 'it-rules-stand-in' });
  await observer.subscribeAsync(alertCommandsTopic(PARK), { qos: 1 });
  observer.on('message', (_topic, payload) => {
    received.push(alertCommandSchema.parse(JSON.parse(payload.toString())));
    arrived?.();
  });
  gw = await startGateway({
    publishCommand: async (command) => {
      await publisher.publishAsync(alertCommandsTopic(PARK), JSON.stringify(command), { qos: 1 });
    },
  });
});

afterAll(async () => {
  await gw?.close();
  await publisher?.endAsync();
  await observer?.endAsync();
  await broker?.stop();
});

const nextCommand = (count: number) =>
  new Promise<void>((resolve) => {
    if (received.length >= count) resolve();
    else arrived = () => received.length >= count && resolve();
  });

describe('alert commands over MQTT', () => {
  it('A refused on B and on the park alert publishes nothing; A on its own alert publishes one with by = alice', async () => {
    const alice = await login(gw.url, 'alice');
    expect((await alice.post('/api/v1/alerts/alert-b1/acknowledge', { comment: 'not mine' })).status).toBe(403);
    expect((await alice.post('/api/v1/alerts/alert-p1/clear', {})).status).toBe(403);
    const res = await alice.post('/api/v1/alerts/alert-a1/acknowledge', { comment: '检修中' });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { accepted: boolean; commandId: string };
    await nextCommand(1);
    // One publisher, QoS 1: had a refused action published, it would have arrived first.
    expect(received).toEqual([{ v: 1, commandId: body.commandId, type: 'acknowledge', alertId: 'alert-a1', by: 'alice', comment: '检修中', atMs: NOW }]);
  });

  it('an operator clears a park alert', async () => {
    const operator = await login(gw.url, 'operator');
    const res = await operator.post('/api/v1/alerts/alert-p1/clear', {});
    expect(res.status).toBe(202);
    await nextCommand(2);
    expect(received[1]).toMatchObject({ type: 'clear', alertId: 'alert-p1', by: 'operator' });
    expect(received[1]).not.toHaveProperty('comment');
  });

  it('an engineer may not act on alerts', async () => {
    const engineer = await login(gw.url, 'engineer');
    const res = await engineer.post('/api/v1/alerts/alert-p1/acknowledge', {});
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'forbidden' });
  });

  it('a broker that refuses the publish is a 503, not a lost command', async () => {
    const down = await startGateway({ publishCommand: () => Promise.reject(new Error('connection closed')) });
    try {
      const alice = await login(down.url, 'alice');
      const res = await alice.post('/api/v1/alerts/alert-a1/clear', {});
      expect(res.status).toBe(503);
      expect(await errorOf(res)).toMatchObject({ code: 'broker_unavailable' });
    } finally {
      await down.close();
    }
  });
});
