import { randomUUID } from 'node:crypto';
import { SIM_FAULT_KINDS, parseTelemetryPayload, simStatusSchema } from '@lingtan/schema';
import type { SimCommand, SimCommandBody } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { createFaultInjector } from './fault-injector.js';
import { FAULT_KINDS } from './fault-spec.js';
import { fleetMessages } from './fleet.js';
import { syntheticRegistry } from './generate-registry.js';
import type { OutgoingMessage } from './publisher.js';
import { createSimController } from './sim-controller.js';
import type { OpenedRecording } from './sim-controller.js';
import { scenarioSource, streamSource } from './sim-sources.js';

// Two meters reporting every 60 device seconds, from 2026-11-22T00:00Z.
const registry = syntheticRegistry({ parkId: 'sim-park', enterprises: 1, metersPerEnterprise: 2, intervalS: 60 });
const [M1, M2] = registry.meters.map((m) => m.id) as [string, string];
const T0 = Date.UTC(2026, 10, 22);
const WALL0 = Date.UTC(2026, 11, 2);

async function* recorded(count: number): AsyncGenerator<OutgoingMessage> {
  for (let i = 0; i < count; i++) yield await Promise.resolve({ topic: `ems/v1/sim-park/ent-001/old/telemetry`, payload: `{"i":${i}}`, atMs: 1000 * i });
}

/** A controller over a fake wall clock: sleeping moves the clock on at once. */
function setUp(speed = 60) {
  const clock = { nowMs: WALL0 };
  const injector = createFaultInjector([], { seed: 1, onFault: () => undefined });
  const source = scenarioSource(fleetMessages({ registry, startMs: T0, ticks: 1000, seed: 1 }), injector);
  let changes = 0;
  const controller = createSimController({
    park: 'sim-park',
    base: { kind: 'scenario', source, injector, meters: new Set([M1, M2]) },
    speed,
    openRecording: (name): Promise<OpenedRecording> =>
      Promise.resolve(name === 'short.ndjson.gz' ? { ok: true, source: streamSource(recorded(3)), total: 3, shiftedToNow: true } : { ok: false, code: 'no_such_recording', reason: `no recording "${name}"` }),
    nowMs: () => clock.nowMs,
    sleep: (ms) => {
      clock.nowMs += ms;
      return Promise.resolve();
    },
    published: () => 0,
    onChange: () => changes++,
  });
  const stream = controller.messages(new AbortController().signal);
  const next = async () => {
    const r = await stream.next();
    if (r.done === true) throw new Error('stream ended');
    return { ...r.value, wallMs: clock.nowMs, meter: r.value.topic.split('/')[4], reading: parseTelemetryPayload(Buffer.from(r.value.payload)) };
  };
  const command = (body: SimCommandBody) => controller.apply({ v: 1, commandId: randomUUID(), by: 'engineer', atMs: clock.nowMs, ...body });
  return { clock, controller, next, command, changes: () => changes };
}

const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('createSimController', () => {
  it('paces by device time: at speed 60 each device minute takes one wall second', async () => {
    const { next } = setUp(60);
    const got = [await next(), await next(), await next(), await next()];
    expect(got.map((m) => [m.meter, m.atMs - T0, m.wallMs - WALL0])).toEqual([
      [M1, 0, 0],
      [M2, 0, 0],
      [M1, 60_000, 1000],
      [M2, 60_000, 1000],
    ]);
  });

  it('pause publishes nothing and freezes device time; resume continues from the same device time', async () => {
    const { next, command, controller, clock } = setUp(60);
    await next();
    await next();
    expect(await command({ kind: 'pause' })).toMatchObject({ ok: true, kind: 'pause', by: 'engineer' });
    const frozen = controller.status();
    expect(frozen.mode).toBe('paused');
    const pending = next();
    clock.nowMs += 600_000; // ten wall minutes paused
    expect(await settled(pending)).toBe(false);
    expect(controller.status().deviceTime).toBe(frozen.deviceTime);
    await command({ kind: 'resume' });
    const after = await pending;
    // The reading due next (device 00:01) comes one wall second after the resume: no gap, no burst.
    expect([after.meter, after.atMs - T0]).toEqual([M1, 60_000]);
    expect(controller.status().mode).toBe('run');
  });

  it('set_speed re-paces without a jump', async () => {
    const { next, command, controller } = setUp(1);
    const first = await next();
    await next();
    await command({ kind: 'set_speed', speed: 600 });
    expect(controller.status().speed).toBe(600);
    const third = await next();
    // 60 device seconds at 600x: 100 wall ms.
    expect(third.wallMs - first.wallMs).toBe(100);
  });

  it('an outage silences one meter for its device window, then it reports again', async () => {
    const { next, command, controller } = setUp(60);
    await next();
    await next();
    // Device time 00:00; outage of 150 device seconds on M1: its readings at 01:00 and 02:00 are lost.
    await command({ kind: 'inject_fault', meter: M1, fault: 'outage', durationS: 150 });
    expect(controller.status().faults).toEqual([{ meter: M1, fault: 'outage', untilDeviceTime: new Date(T0 + 150_000).toISOString(), by: 'engineer' }]);
    const got = [];
    for (let i = 0; i < 4; i++) got.push(await next());
    expect(got.map((m) => [m.meter, (m.atMs - T0) / 60_000])).toEqual([
      [M2, 1],
      [M2, 2],
      [M1, 3],
      [M2, 3],
    ]);
    expect(controller.status().faults).toEqual([]);
  });

  it('a stuck meter repeats its values; clear_faults ends it', async () => {
    const { next, command } = setUp(60);
    await next();
    await next();
    await command({ kind: 'inject_fault', meter: M2, fault: 'stuck', durationS: 3600 });
    const values = [];
    for (let i = 0; i < 6; i++) {
      const m = await next();
      if (m.meter === M2 && m.reading.ok) values.push(m.reading.readings[0]!.values);
    }
    expect(values).toHaveLength(3);
    expect(values[1]).toEqual(values[0]);
    expect(values[2]).toEqual(values[0]);
    await command({ kind: 'clear_faults', meter: M2 });
    let fresh;
    do fresh = await next();
    while (fresh.meter !== M2);
    expect(fresh.reading.ok && fresh.reading.readings[0]!.values).not.toEqual(values[0]);
  });

  it('refuses an unknown meter and a missing recording, with the reason in the status', async () => {
    const { command, controller } = setUp();
    const refused = await command({ kind: 'inject_fault', meter: 'no-such-meter', fault: 'spike', durationS: 60 });
    expect(refused).toMatchObject({ ok: false, code: 'unknown_meter' });
    expect(controller.status().lastCommand).toEqual(refused);
    expect(controller.status().faults).toEqual([]);
    expect(await command({ kind: 'start_replay', recording: 'gone.ndjson.gz', speed: 1 })).toMatchObject({ ok: false, code: 'no_such_recording', reason: 'no recording "gone.ndjson.gz"' });
    expect(await command({ kind: 'stop_replay' })).toMatchObject({ ok: false, code: 'not_replaying' });
    expect(simStatusSchema.safeParse(controller.status()).success).toBe(true);
  });

  it('a replay stands in for the scenario, then the scenario resumes at its own device time', async () => {
    const { next, command, controller } = setUp(60);
    await next();
    await next();
    expect(await command({ kind: 'start_replay', recording: 'short.ndjson.gz', speed: 1 })).toMatchObject({ ok: true });
    expect(controller.status()).toMatchObject({ mode: 'replay', speed: 1, replay: { recording: 'short.ndjson.gz', messagesPublished: 0, messagesTotal: 3 } });
    const replayed = [await next()];
    // Stamped to now: the device clock is the first message's wall time, not its recorded time (epoch 0).
    expect(controller.status().deviceTime).toBe(new Date(replayed[0]!.wallMs).toISOString());
    replayed.push(await next(), await next());
    // Recorded 1 s apart, replayed at speed 1: 1 wall second apart.
    expect(replayed.map((m) => [m.payload, m.wallMs - replayed[0]!.wallMs])).toEqual([
      ['{"i":0}', 0],
      ['{"i":1}', 1000],
      ['{"i":2}', 2000],
    ]);
    // The replay took 2 wall s = 2 device minutes of the scenario (speed 60): 00:01 and 00:02 were
    // stood in for; the scenario goes on with 00:02 (due now), then 00:03.
    const back = await next();
    expect(controller.status()).toMatchObject({ mode: 'run', speed: 60, replay: null });
    expect((back.atMs - T0) / 60_000).toBe(2);
  });

  it('ends when stopped, even while paused', async () => {
    const { controller, command } = setUp();
    const stop = new AbortController();
    const stream = controller.messages(stop.signal);
    expect((await stream.next()).done).toBe(false);
    await command({ kind: 'pause' });
    const pending = stream.next();
    expect(await settled(pending)).toBe(false);
    stop.abort();
    expect((await pending).done).toBe(true);
  });

  it('ignores a redelivered command', async () => {
    const { controller } = setUp();
    const pause: SimCommand = { v: 1, commandId: randomUUID(), by: 'engineer', atMs: 0, kind: 'pause' };
    expect(await controller.apply(pause)).toMatchObject({ ok: true });
    await controller.apply({ ...pause, commandId: randomUUID(), kind: 'resume' });
    expect(await controller.apply(pause)).toBeUndefined();
    expect(controller.status().mode).toBe('run');
  });
});

describe('SIM_FAULT_KINDS', () => {
  it('are all faults the injector knows', () => {
    for (const kind of SIM_FAULT_KINDS) expect(FAULT_KINDS).toContain(kind);
  });
});
