/** The only way domain code learns the time: passed in, so tests fix it. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}

/** A clock that always reads `ms`, or whatever `set` last gave it. For tests and replays. */
export function fixedClock(ms: number): Clock & { set(ms: number): void } {
  let current = ms;
  return {
    nowMs: () => current,
    set: (next: number) => {
      current = next;
    },
  };
}
