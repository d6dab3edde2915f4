/**
 * A stream's clock under remote control: stream time (device time of the fleet, or receive
 * time of a recording) runs at `speed` stream seconds per wall second from an anchor, stands
 * still while paused, and is re-anchored on every change of speed so it never jumps.
 */
export interface StreamClock {
  /** Stream seconds per wall second. */
  readonly speed: number;
  readonly paused: boolean;
  /** Stream time now, epoch ms; undefined until the first message anchors the clock. */
  streamAt(nowMs: number): number | undefined;
  /** Anchor at the first message's stream time, unless anchored already. */
  startAt(nowMs: number, streamMs: number): void;
  /** Wall ms until stream time `atMs` is due (0 or less: now); Infinity while paused. */
  delayMs(atMs: number, nowMs: number): number;
  setSpeed(nowMs: number, speed: number): void;
  pause(nowMs: number): void;
  resume(nowMs: number): void;
}

/** A clock at `speed`, unanchored and running. */
export function createStreamClock(initialSpeed: number): StreamClock {
  let speed = initialSpeed;
  let anchor: { wallMs: number; streamMs: number } | undefined;
  let frozenMs: number | undefined;
  let paused = false;
  const streamAt = (nowMs: number): number | undefined => {
    if (paused) return frozenMs;
    return anchor === undefined ? undefined : anchor.streamMs + (nowMs - anchor.wallMs) * speed;
  };
  const reanchor = (nowMs: number) => {
    const streamMs = streamAt(nowMs);
    if (streamMs !== undefined) anchor = { wallMs: nowMs, streamMs };
  };
  return {
    get speed() {
      return speed;
    },
    get paused() {
      return paused;
    },
    streamAt,
    startAt: (nowMs, streamMs) => {
      if (anchor === undefined && !paused) anchor = { wallMs: nowMs, streamMs };
    },
    delayMs: (atMs, nowMs) => {
      if (paused) return Number.POSITIVE_INFINITY;
      if (anchor === undefined) return 0;
      return anchor.wallMs + (atMs - anchor.streamMs) / speed - nowMs;
    },
    setSpeed: (nowMs, next) => {
      reanchor(nowMs);
      speed = next;
    },
    pause: (nowMs) => {
      if (paused) return;
      frozenMs = streamAt(nowMs);
      paused = true;
    },
    resume: (nowMs) => {
      if (!paused) return;
      paused = false;
      if (frozenMs !== undefined) anchor = { wallMs: nowMs, streamMs: frozenMs };
      frozenMs = undefined;
    },
  };
}
