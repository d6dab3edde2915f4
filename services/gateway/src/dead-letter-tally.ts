import { periodOf } from '@lingtan/domain';
import type { DeadLetter } from '@lingtan/schema';

/** Dead letters of the park's current local day, by reason code and by enterprise. */
export interface DeadLetterTally {
  add(deadLetter: DeadLetter): void;
  /** Today's counts; `enterprise` narrows to one enterprise's dead letters. */
  today(enterprise?: string): { today: number; byCode: Record<string, number> };
}

/** A tally that starts again at each local midnight of `timeZone`. */
export function createDeadLetterTally(timeZone: string, clock: { nowMs(): number }): DeadLetterTally {
  let dayStartMs = Number.NaN;
  let counts = new Map<string, Map<string, number>>();
  const roll = () => {
    const start = periodOf('day', clock.nowMs(), timeZone).startMs;
    if (start !== dayStartMs) {
      dayStartMs = start;
      counts = new Map();
    }
  };
  return {
    add(dl) {
      roll();
      if (dl.receivedAtMs < dayStartMs) return;
      const key = dl.enterprise ?? '';
      const byCode = counts.get(key) ?? new Map<string, number>();
      byCode.set(dl.code, (byCode.get(dl.code) ?? 0) + 1);
      counts.set(key, byCode);
    },
    today(enterprise) {
      roll();
      const byCode: Record<string, number> = {};
      let today = 0;
      for (const [owner, codes] of counts) {
        if (enterprise !== undefined && owner !== enterprise) continue;
        for (const [code, n] of codes) {
          byCode[code] = (byCode[code] ?? 0) + n;
          today += n;
        }
      }
      return { today, byCode };
    },
  };
}
