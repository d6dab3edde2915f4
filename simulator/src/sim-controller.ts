import { SIM_ONE_SHOT_FAULTS } from '@lingtan/schema';
import type { SimActiveFault, SimCommand, SimCommandResult, SimRefusal, SimStatus } from '@lingtan/schema';
import type { FaultInjector } from './fault-injector.js';
import { faultSpecSchema } from './fault-spec.js';
import type { OutgoingMessage } from './publisher.js';
import { createStreamClock } from './sim-clock.js';
import type { StreamClock } from './sim-clock.js';
import type { PeekableSource } from './sim-sources.js';

/** A recording opened for a replay, or why it cannot be. */
export type OpenedRecording =
  | { readonly ok: true; readonly source: PeekableSource; readonly total: number; readonly shiftedToNow: boolean }
  | { readonly ok: false; readonly code: SimRefusal; readonly reason: string };

/** What the simulator plays when no command says otherwise. */
export type BaseStream =
  | { readonly kind: 'scenario'; readonly source: PeekableSource; readonly injector: FaultInjector; readonly meters: ReadonlySet<string> }
  | { readonly kind: 'recording'; readonly name: string; readonly source: PeekableSource; readonly total: number; readonly shiftedToNow: boolean };

/** What the controller is built from; tests pass a fake clock and sleep. */
export interface SimControllerDeps {
  readonly park: string;
  readonly base: BaseStream;
  /** Stream seconds per wall second at start. */
  readonly speed: number;
  /** Open `name` in the recordings directory (the name is already a safe file name). */
  readonly openRecording: (name: string) => Promise<OpenedRecording>;
  readonly nowMs: () => number;
  /** Wait `ms`, or less when `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Messages the broker has acknowledged so far. */
  readonly published: () => number;
  /** Something worth publishing at once changed (a command, a replay's end). */
  readonly onChange?: () => void;
}

/** The simulator under remote control. */
export interface SimController {
  /** Apply a command; undefined when its commandId was seen before (a redelivery). */
  apply(command: SimCommand): Promise<SimCommandResult | undefined>;
  /** Record a command that did not parse, so the engineer sees why. */
  refuseInvalid(about: { commandId: string; kind: string; by: string }, reason: string): SimCommandResult;
  status(): SimStatus;
  /** The messages to publish, paced, paused and switched by the commands. */
  messages(signal: AbortSignal): AsyncGenerator<OutgoingMessage>;
}

interface Replay {
  readonly name: string;
  readonly source: PeekableSource;
  readonly clock: StreamClock;
  readonly total: number;
  readonly startedAtMs: number;
  /** Whether payload timestamps are moved to the replay's start (then the device clock is too). */
  readonly shiftedToNow: boolean;
  published: number;
  /** Payload device time minus stream time, fixed by the first message. */
  shiftMs?: number;
}

interface InjectedFault extends SimActiveFault {
  readonly untilMs: number;
  readonly tag: string;
}

/** Redelivered QoS 1 commands are recognised among this many recent ids. */
const SEEN_IDS = 1000;

const iso = (ms: number) => new Date(ms).toISOString();

class Refused extends Error {
  constructor(
    readonly code: SimRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** Wait until `signal` aborts. */
const untilAborted = (signal: AbortSignal) => new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

/**
 * The controller: pause freezes every stream clock (nothing is published, device time stands
 * still), speed re-paces the stream playing, faults go to the fault injector of the scenario
 * for a window of device time, and a replay stands in for the scenario until it ends or is
 * stopped; the scenario then picks up at its own device time now, skipping the readings the
 * replay stood in for (they were never published), rather than bursting them out late.
 */
export function createSimController(deps: SimControllerDeps): SimController {
  const { base } = deps;
  const baseClock = createStreamClock(deps.speed);
  const baseProgress: { published: number; startedAtMs: number; shiftMs?: number } = { published: 0, startedAtMs: deps.nowMs() };
  let paused = false;
  let stopped = false;
  let replay: Replay | undefined;
  let skipBeforeMs: number | undefined;
  let lastAtMs: number | undefined;
  let lastCommand: SimCommandResult | null = null;
  const faults: InjectedFault[] = [];
  const seen = new Set<string>();
  /** Aborted (and replaced) on every change, and when the run is stopped: what a wait wakes on. */
  let wakeUp = new AbortController();
  let ended = false;

  const changed = () => {
    wakeUp.abort();
    wakeUp = new AbortController();
    if (ended) wakeUp.abort();
    deps.onChange?.();
  };
  const clockPlaying = () => replay?.clock ?? baseClock;
  const deviceNow = (nowMs: number) => Math.floor(baseClock.streamAt(nowMs) ?? lastAtMs ?? nowMs);

  const endReplay = async (nowMs: number) => {
    const ending = replay;
    if (ending === undefined) return;
    replay = undefined;
    skipBeforeMs = baseClock.streamAt(nowMs);
    await ending.source.close();
    changed();
  };

  const scenarioOf = (meter: string | undefined) => {
    if (base.kind !== 'scenario') throw new Refused('faults_need_scenario', 'faults apply to a running scenario; this simulator only replays a recording');
    if (meter !== undefined && !base.meters.has(meter)) throw new Refused('unknown_meter', `no meter "${meter}" in the simulated park`);
    return base;
  };

  async function run(command: SimCommand, nowMs: number): Promise<void> {
    switch (command.kind) {
      case 'pause':
        paused = true;
        baseClock.pause(nowMs);
        replay?.clock.pause(nowMs);
        return;
      case 'resume':
        paused = false;
        baseClock.resume(nowMs);
        replay?.clock.resume(nowMs);
        return;
      case 'set_speed':
        clockPlaying().setSpeed(nowMs, command.speed);
        return;
      case 'inject_fault': {
        const scenario = scenarioOf(command.meter);
        if (replay !== undefined) throw new Refused('faults_need_scenario', 'a replay is playing; stop it before injecting faults into the scenario');
        const fromMs = deviceNow(nowMs);
        const oneShot = SIM_ONE_SHOT_FAULTS.has(command.fault);
        const untilMs = oneShot ? fromMs : fromMs + Math.round(command.durationS * 1000);
        const trigger = oneShot ? { at: [fromMs] } : { from: fromMs, to: untilMs };
        scenario.injector.addFault({ spec: faultSpecSchema.parse({ kind: command.fault, meters: [command.meter], ...trigger }), tag: command.commandId });
        faults.push({ meter: command.meter, fault: command.fault, untilDeviceTime: iso(untilMs), by: command.by, untilMs, tag: command.commandId });
        return;
      }
      case 'clear_faults': {
        const scenario = scenarioOf(command.meter);
        const cleared = new Set(faults.filter((f) => command.meter === undefined || f.meter === command.meter).map((f) => f.tag));
        scenario.injector.removeFaults((tag) => cleared.has(tag));
        faults.splice(0, faults.length, ...faults.filter((f) => !cleared.has(f.tag)));
        return;
      }
      case 'start_replay': {
        const opened = await deps.openRecording(command.recording);
        if (!opened.ok) throw new Refused(opened.code, opened.reason);
        const previous = replay;
        const clock = createStreamClock(command.speed);
        if (paused) clock.pause(nowMs);
        replay = { name: command.recording, source: opened.source, clock, total: opened.total, startedAtMs: nowMs, shiftedToNow: opened.shiftedToNow, published: 0 };
        await previous?.source.close();
        return;
      }
      case 'stop_replay':
        if (replay !== undefined) await endReplay(nowMs);
        else if (base.kind === 'recording') stopped = true;
        else throw new Refused('not_replaying', 'no replay is playing');
        return;
    }
  }

  const remember = (result: SimCommandResult) => {
    lastCommand = result;
    seen.add(result.commandId);
    if (seen.size > SEEN_IDS) seen.delete(seen.values().next().value as string);
    changed();
    return result;
  };

  async function* messages(signal: AbortSignal): AsyncGenerator<OutgoingMessage> {
    // One listener for the run rather than a composite signal per wait: a paced stream waits
    // once per message, for days on end.
    const onStop = () => {
      ended = true;
      wakeUp.abort();
    };
    signal.addEventListener('abort', onStop, { once: true });
    try {
      yield* play(signal);
    } finally {
      signal.removeEventListener('abort', onStop);
    }
  }

  async function* play(signal: AbortSignal): AsyncGenerator<OutgoingMessage> {
    while (!signal.aborted && !stopped) {
      if (paused) {
        await untilAborted(wakeUp.signal);
        continue;
      }
      const playing = replay;
      const source = playing?.source ?? base.source;
      const message = await source.peek();
      if (replay !== playing || paused || stopped) continue;
      if (message === undefined) {
        if (playing === undefined) return;
        await endReplay(deps.nowMs());
        continue;
      }
      if (playing === undefined && skipBeforeMs !== undefined) {
        if (message.atMs < skipBeforeMs) {
          source.take();
          continue;
        }
        skipBeforeMs = undefined;
      }
      const clock = playing?.clock ?? baseClock;
      const nowMs = deps.nowMs();
      clock.startAt(nowMs, message.atMs);
      const delayMs = clock.delayMs(message.atMs, nowMs);
      if (delayMs > 0) {
        await deps.sleep(delayMs, wakeUp.signal);
        continue;
      }
      source.take();
      if (playing !== undefined) {
        playing.published++;
        if (playing.shiftedToNow) playing.shiftMs ??= nowMs - message.atMs;
      } else {
        lastAtMs = message.atMs;
        baseProgress.published++;
        if (base.kind === 'recording' && base.shiftedToNow) baseProgress.shiftMs ??= nowMs - message.atMs;
      }
      yield message;
    }
  }

  return {
    apply: async (command) => {
      if (seen.has(command.commandId)) return undefined;
      const about = { commandId: command.commandId, kind: command.kind, by: command.by };
      const nowMs = deps.nowMs();
      try {
        await run(command, nowMs);
        return remember({ ...about, ok: true, at: iso(nowMs) });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        return remember({ ...about, ok: false, code: error.code, reason: error.message, at: iso(nowMs) });
      }
    },
    refuseInvalid: (about, reason) => remember({ ...about, ok: false, code: 'invalid_command', reason: reason.slice(0, 500), at: iso(deps.nowMs()) }),
    status: () => {
      const nowMs = deps.nowMs();
      const device = deviceNow(nowMs);
      faults.splice(0, faults.length, ...faults.filter((f) => f.untilMs >= device));
      const playing = clockPlaying();
      const progress =
        replay !== undefined
          ? { recording: replay.name, messagesPublished: replay.published, messagesTotal: replay.total, startedAt: iso(replay.startedAtMs) }
          : base.kind === 'recording'
            ? { recording: base.name, messagesPublished: baseProgress.published, messagesTotal: base.total, startedAt: iso(baseProgress.startedAtMs) }
            : null;
      return {
        v: 1,
        park: deps.park,
        mode: paused ? 'paused' : progress !== null ? 'replay' : 'run',
        speed: playing.speed,
        // A replay stamped to now reports the device time its payloads carry, not the recorded one.
        deviceTime: iso(Math.floor((playing.streamAt(nowMs) ?? lastAtMs ?? nowMs) + ((replay === undefined ? baseProgress.shiftMs : replay.shiftMs) ?? 0))),
        faults: faults.map(({ meter, fault, untilDeviceTime, by }) => ({ meter, fault, untilDeviceTime, by })),
        replay: progress,
        readingsPublished: deps.published(),
        lastCommand,
        updatedAt: iso(nowMs),
      };
    },
    messages,
  };
}
