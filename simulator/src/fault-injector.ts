import type { RejectCode, Registry } from '@lingtan/schema';
import { QUANTITIES, isQuantityName, parseTelemetryTopic, telemetryTopic } from '@lingtan/schema';
import type { FleetMessage } from './fleet.js';
import { payloadOf } from './fleet.js';
import type { FaultKind, FaultSpec } from './fault-spec.js';
import { createRng, seedFrom } from './prng.js';
import type { OutgoingMessage } from './publisher.js';

/** One injected fault, for the fault log: a test compares these with what the platform detected. */
export interface FaultEvent {
  readonly kind: FaultKind;
  /** The meter the reading belongs to (for `unknown_meter`: the ghost meter's id). */
  readonly meter: string;
  readonly topic: string;
  /** Device time of the affected reading, before any skew. */
  readonly tsMs: number;
  /** The reading's sequence number in the fleet stream. */
  readonly seq: number;
  /** What the ingestor refuses this reading with, where it refuses it. */
  readonly rejectCode?: RejectCode;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Fail naming the fault and the meter ids the registry does not have. */
export function checkFaultMeters(faults: readonly FaultSpec[], registry: Registry): void {
  const known = new Set(registry.meters.map((m) => m.id));
  faults.forEach((fault, i) => {
    const unknown = (fault.meters ?? []).filter((id) => !known.has(id));
    if (unknown.length > 0) throw new Error(`faults.${i}.meters: not in the registry: ${unknown.join(', ')}`);
  });
}

/** Whether fault `spec` fires (or is still on) for a meter's reading at `tsMs`. */
function createTrigger(spec: FaultSpec, seed: number): (tsMs: number) => boolean {
  const rng = createRng(seed);
  const at = [...(spec.at ?? [])].sort((a, b) => a - b);
  let atIndex = 0;
  let untilMs = Number.NEGATIVE_INFINITY;
  return (tsMs) => {
    if (tsMs < untilMs) return true;
    let fire = false;
    if (spec.rate !== undefined) fire = rng.next() < spec.rate;
    else if (spec.from !== undefined && spec.to !== undefined) fire = tsMs >= spec.from && tsMs < spec.to;
    else {
      for (; atIndex < at.length && at[atIndex]! <= tsMs; atIndex++) fire = true;
    }
    if (fire && spec.duration_s > 0) untilMs = tsMs + spec.duration_s * 1000;
    return fire;
  };
}

/** What one meter's faults remember from reading to reading. */
interface MeterState {
  readonly triggers: Trigger[];
  /** Subtracted from each register since the last reset or replacement. */
  base: Record<string, number>;
  seqBase: number;
  stuck: Record<string, number> | undefined;
  lastReported: Record<string, number>;
  /** Readings held back by `out_of_order`, sent after the meter's next reading. */
  held: OutgoingMessage[];
}

const round4 = (value: number) => Math.round(value * 1e4) / 1e4;
const isCumulative = (name: string) => isQuantityName(name) && QUANTITIES[name].kind === 'cumulative';

/** Register resets, replacement, rollover, stuck values and spikes, in that order. */
function faultValues(message: FleetMessage, state: MeterState, active: ReadonlySet<FaultKind>, rollover: FaultSpec | undefined, log: (kind: FaultKind, detail?: Record<string, unknown>) => void) {
  const values: Record<string, number> = { ...message.values };
  if (active.has('meter_replacement')) {
    state.seqBase = message.seq;
    log('meter_replacement');
  }
  if (active.has('register_reset') || active.has('meter_replacement')) {
    state.base = Object.fromEntries(Object.entries(values).filter(([name]) => isCumulative(name)));
    if (active.has('register_reset')) log('register_reset');
  }
  for (const name of Object.keys(values)) {
    if (!isCumulative(name)) continue;
    let value = round4(values[name]! - (state.base[name] ?? 0));
    if (rollover !== undefined) {
      value = round4(value % rollover.modulus);
      const before = state.lastReported[name];
      if (before !== undefined && value < before) log('rollover', { quantity: name, fromValue: before, toValue: value, modulus: rollover.modulus });
    }
    values[name] = value;
  }
  if (active.has('stuck')) {
    state.stuck ??= values;
    log('stuck');
  } else state.stuck = undefined;
  const reported = state.stuck ?? values;
  const spiked = active.has('spike') ? Object.keys(reported).find((name) => !isCumulative(name)) : undefined;
  const result = spiked === undefined ? { ...reported } : { ...reported, [spiked]: round4(reported[spiked]! * (faultOf(state, 'spike')?.factor ?? 1)) };
  if (spiked !== undefined) log('spike', { quantity: spiked, factor: faultOf(state, 'spike')?.factor, fromValue: reported[spiked], toValue: result[spiked] });
  for (const [name, value] of Object.entries(result)) if (isCumulative(name)) state.lastReported[name] = value;
  return { values: result, seq: message.seq - state.seqBase };
}

const faultOf = (state: MeterState, kind: FaultKind) => state.triggers.find((t) => t.spec.kind === kind)?.spec;

/** The payload after clock skew, truncation or padding. */
function faultPayload(message: FleetMessage, values: Record<string, number>, seq: number, state: MeterState, active: ReadonlySet<FaultKind>, log: (kind: FaultKind, detail?: Record<string, unknown>, rejectCode?: RejectCode) => void): string {
  const skewMs = active.has('clock_skew') ? (faultOf(state, 'clock_skew')?.skew_ms ?? 0) : 0;
  if (skewMs !== 0) log('clock_skew', { skewMs });
  const payload = payloadOf({ ...message, tsMs: message.tsMs + skewMs, seq, values });
  if (active.has('malformed')) {
    log('malformed', undefined, 'payload_not_json');
    return payload.slice(0, Math.floor(payload.length / 2));
  }
  if (active.has('oversized')) {
    const bytes = faultOf(state, 'oversized')?.bytes ?? 0;
    log('oversized', { bytes }, 'payload_too_large');
    // A valid reading plus a filler field, so only its size is wrong.
    return `${payload.slice(0, -1)},"filler":"${'x'.repeat(Math.max(0, bytes - payload.length - 12))}"}`;
  }
  return payload;
}

/** Options of `injectFaults`. */
export interface InjectOptions {
  readonly seed: number;
  /** Called once per affected reading and fault. */
  readonly onFault: (event: FaultEvent) => void;
}

/** A fault added while running, with the tag that `removeFaults` takes it back by. */
export interface AddedFault {
  readonly spec: FaultSpec;
  readonly tag: string;
}

/** Faults applied one message at a time, to which faults may be added and removed while running. */
export interface FaultInjector {
  /** The messages to publish for one fleet message (none when it is lost, two for a duplicate). */
  push(message: FleetMessage): OutgoingMessage[];
  /** Readings still held back by `out_of_order`. */
  flush(): OutgoingMessage[];
  /** Add a fault from now on (a remote command); its meters' registers keep their state. */
  addFault(added: AddedFault): void;
  /** Stop the added faults whose tag matches; a register already reset stays reset. */
  removeFaults(matches: (tag: string) => boolean): void;
}

interface Trigger {
  readonly spec: FaultSpec;
  readonly fires: (tsMs: number) => boolean;
  readonly tag?: string;
}

/**
 * The injector behind `injectFaults`. Deterministic: each (fault, meter) pair draws from its
 * own seeded stream, independent of the meter models and of other meters.
 */
export function createFaultInjector(faults: readonly FaultSpec[], options: InjectOptions): FaultInjector {
  const all: { spec: FaultSpec; index: number; tag?: string }[] = faults.map((spec, index) => ({ spec, index }));
  const states = new Map<string, MeterState>();
  const triggerOf = (entry: (typeof all)[number], meterId: string): Trigger => ({
    spec: entry.spec,
    fires: createTrigger(entry.spec, seedFrom(`fault:${entry.index}:${meterId}`, options.seed)),
    ...(entry.tag === undefined ? {} : { tag: entry.tag }),
  });
  const applies = (spec: FaultSpec, meterId: string) => spec.meters === undefined || spec.meters.includes(meterId);
  const stateOf = (meterId: string): MeterState => {
    let state = states.get(meterId);
    if (state === undefined) {
      state = { triggers: all.filter((e) => applies(e.spec, meterId)).map((e) => triggerOf(e, meterId)), base: {}, seqBase: 0, stuck: undefined, lastReported: {}, held: [] };
      states.set(meterId, state);
    }
    return state;
  };
  return {
    push: (message) => [...faultMessage(message, stateOf(message.meter.id), options.onFault)],
    flush: () => [...states.values()].flatMap((state) => state.held.splice(0)),
    addFault: ({ spec, tag }) => {
      const entry = { spec, index: all.length, tag };
      all.push(entry);
      for (const [meterId, state] of states) if (applies(spec, meterId)) state.triggers.push(triggerOf(entry, meterId));
    },
    removeFaults: (matches) => {
      const keep = (e: { tag?: string | undefined }) => e.tag === undefined || !matches(e.tag);
      all.splice(0, all.length, ...all.filter(keep));
      for (const state of states.values()) state.triggers.splice(0, state.triggers.length, ...state.triggers.filter(keep));
    },
  };
}

/**
 * The fleet's messages with faults injected (see `createFaultInjector`). With no faults the
 * payloads are the fleet's own, byte for byte.
 */
export function* injectFaults(messages: Iterable<FleetMessage>, faults: readonly FaultSpec[], options: InjectOptions): Generator<OutgoingMessage> {
  const injector = createFaultInjector(faults, options);
  for (const message of messages) yield* injector.push(message);
  yield* injector.flush();
}

function* faultMessage(message: FleetMessage, state: MeterState, onFault: (event: FaultEvent) => void): Generator<OutgoingMessage> {
  const meter = message.meter;
  const log = (kind: FaultKind, detail?: Record<string, unknown>, rejectCode?: RejectCode, ghost?: { meter: string; topic: string }) =>
    onFault({ kind, meter: ghost?.meter ?? meter.id, topic: ghost?.topic ?? message.topic, tsMs: message.tsMs, seq: message.seq, ...(rejectCode === undefined ? {} : { rejectCode }), ...(detail === undefined ? {} : { detail }) });
  const active = new Set<FaultKind>();
  for (const trigger of state.triggers) if (trigger.spec.kind !== 'rollover' && trigger.fires(message.tsMs)) active.add(trigger.spec.kind);
  const lost = (['dropout', 'outage'] as const).filter((kind) => active.has(kind));
  if (lost.length > 0) {
    for (const kind of lost) log(kind);
    return;
  }
  const { values, seq } = faultValues(message, state, active, faultOf(state, 'rollover'), log);
  const out = { topic: message.topic, payload: faultPayload(message, values, seq, state, active, log), atMs: message.tsMs };
  if (active.has('out_of_order')) {
    log('out_of_order');
    state.held.push(out);
  } else {
    yield out;
    yield* state.held.splice(0);
  }
  if (active.has('duplicate')) {
    log('duplicate');
    yield out;
  }
  if (active.has('unknown_meter')) {
    const ghost = `ghost-${meter.id}`.slice(0, 64);
    const parsed = parseTelemetryTopic(message.topic);
    const topic = telemetryTopic({ park: parsed.ok ? parsed.address.park : '', enterprise: meter.enterprise, meter: ghost });
    log('unknown_meter', undefined, 'unknown_meter', { meter: ghost, topic });
    yield { topic, payload: out.payload, atMs: message.tsMs };
  }
}
