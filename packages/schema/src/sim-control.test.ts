import { describe, expect, it } from 'vitest';
import { recordingNameSchema, simCommandBodySchema, simCommandSchema, simCommandsTopic, simStatusSchema, simStatusTopic } from './sim-control.js';

const envelope = { v: 1, commandId: '4f8e2a1c-3b7d-4c5e-9a1b-2c3d4e5f6a7b', by: 'engineer', atMs: 1_764_633_600_000 };

describe('sim control topics', () => {
  it('are the park-internal commands and status topics', () => {
    expect(simCommandsTopic('demo-park')).toBe('ems-int/v1/demo-park/sim/commands');
    expect(simStatusTopic('demo-park')).toBe('ems-int/v1/demo-park/sim/status');
  });
  it('refuse a park id that would change the topic (wildcards, levels)', () => {
    expect(() => simCommandsTopic('a/#')).toThrow();
    expect(() => simStatusTopic('+')).toThrow();
  });
});

describe('simCommandBodySchema', () => {
  it('takes each kind', () => {
    for (const body of [
      { kind: 'pause' },
      { kind: 'resume' },
      { kind: 'set_speed', speed: 60 },
      { kind: 'inject_fault', meter: 'a-main', fault: 'stuck', durationS: 600 },
      { kind: 'clear_faults' },
      { kind: 'clear_faults', meter: 'a-main' },
      { kind: 'start_replay', recording: 'night-2026-11-22.ndjson.gz', speed: 10 },
      { kind: 'stop_replay' },
    ]) expect(simCommandBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
  });

  it('defaults a fault to 300 device seconds and a replay to speed 1', () => {
    expect(simCommandBodySchema.parse({ kind: 'inject_fault', meter: 'm1', fault: 'outage' })).toEqual({ kind: 'inject_fault', meter: 'm1', fault: 'outage', durationS: 300 });
    expect(simCommandBodySchema.parse({ kind: 'start_replay', recording: 'r.ndjson.gz' })).toMatchObject({ speed: 1 });
  });

  it('refuses speeds outside 0.1 .. 3600, naming the field', () => {
    for (const speed of [0, 0.05, -1, 3601, Number.POSITIVE_INFINITY]) {
      const parsed = simCommandBodySchema.safeParse({ kind: 'set_speed', speed });
      expect(parsed.success, String(speed)).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['speed']);
    }
    expect(simCommandBodySchema.safeParse({ kind: 'set_speed', speed: 0.1 }).success).toBe(true);
    expect(simCommandBodySchema.safeParse({ kind: 'set_speed', speed: 3600 }).success).toBe(true);
  });

  it('refuses recording names that leave the recordings directory', () => {
    for (const name of ['../etc/passwd', '..', 'a/../../b', '/abs.ndjson.gz', 'sub/dir.gz', 'a\\b', '.hidden', 'x..y', '', 'a'.repeat(129), 'name with space']) {
      expect(recordingNameSchema.safeParse(name).success, name).toBe(false);
      expect(simCommandBodySchema.safeParse({ kind: 'start_replay', recording: name }).success, name).toBe(false);
    }
    expect(recordingNameSchema.safeParse('demo_2026-11-22.ndjson.gz').success).toBe(true);
  });

  it('refuses unknown kinds, unknown faults (rollover is not an event) and extra fields', () => {
    expect(simCommandBodySchema.safeParse({ kind: 'reboot' }).success).toBe(false);
    expect(simCommandBodySchema.safeParse({ kind: 'inject_fault', meter: 'm1', fault: 'rollover' }).success).toBe(false);
    expect(simCommandBodySchema.safeParse({ kind: 'pause', commandId: envelope.commandId }).success).toBe(false);
    expect(simCommandBodySchema.safeParse({ kind: 'inject_fault', meter: 'm1', fault: 'stuck', durationS: 0 }).success).toBe(false);
  });

  it('leaves unknown meters to the simulator: any well-formed id passes', () => {
    expect(simCommandBodySchema.safeParse({ kind: 'inject_fault', meter: 'no-such-meter', fault: 'spike' }).success).toBe(true);
    expect(simCommandBodySchema.safeParse({ kind: 'inject_fault', meter: 'm/1', fault: 'spike' }).success).toBe(false);
  });
});

describe('simCommandSchema', () => {
  it('needs a uuid commandId, the author and the time', () => {
    expect(simCommandSchema.safeParse({ ...envelope, kind: 'pause' }).success).toBe(true);
    expect(simCommandSchema.safeParse({ ...envelope, commandId: 'cmd-1', kind: 'pause' }).success).toBe(false);
    const { by: _by, ...anonymous } = envelope;
    expect(simCommandSchema.safeParse({ ...anonymous, kind: 'pause' }).success).toBe(false);
  });
});

describe('simStatusSchema', () => {
  it('takes a paused replay with a fault and a refused command', () => {
    const status = {
      v: 1,
      park: 'demo-park',
      mode: 'paused',
      speed: 60,
      deviceTime: '2026-11-22T09:00:00.000Z',
      faults: [{ meter: 'a-main', fault: 'stuck', untilDeviceTime: '2026-11-22T09:10:00.000Z', by: 'engineer' }],
      replay: { recording: 'r.ndjson.gz', messagesPublished: 10, messagesTotal: 40, startedAt: '2026-12-02T00:00:00.000Z' },
      readingsPublished: 1234,
      lastCommand: { commandId: envelope.commandId, kind: 'inject_fault', by: 'engineer', ok: false, code: 'unknown_meter', reason: 'no meter "x"', at: '2026-12-02T00:00:01.000Z' },
      updatedAt: '2026-12-02T00:00:01.000Z',
    };
    expect(simStatusSchema.parse(status)).toEqual(status);
  });
});
