import type { Alert, AlertText, Meter, NormalizedReading, Recommendation, Severity } from '@lingtan/schema';

/**
 * What an evaluator says about one subject: the condition holds (raise, or update the open
 * alert) or it has gone (clear). `subject` is a meter id, or an enterprise or park id with
 * `subjectScope` set.
 */
export type Signal =
  | {
      readonly type: 'raise';
      readonly subject: string;
      readonly subjectScope?: 'enterprise' | 'park';
      readonly atMs: number;
      /** The condition in words, as a code and parameters (`alertText`); the engine adds the rule and subject names. */
      readonly detail: AlertText;
      readonly value?: number;
      readonly recommendation?: Recommendation;
      /** Overrides the rule's severity (e.g. a budget at red rather than orange). */
      readonly severity?: Severity;
    }
  | { readonly type: 'clear'; readonly subject: string; readonly subjectScope?: 'enterprise' | 'park'; readonly atMs: number; readonly value?: number };

/**
 * One rule of a newer kind, compiled: pure state fed readings (of its subject meters and of
 * the meters it `observes` for recommendations) and ticks; it returns signals, the engine
 * turns them into lifecycle events. Each kind lives in its own file beside this one.
 */
export interface Evaluator {
  /** Every meter whose readings it wants: its subjects and the ones it observes. */
  readonly meters: ReadonlySet<string>;
  onReading?(meter: Meter, reading: NormalizedReading, out: Signal[]): void;
  onTick?(nowMs: number, out: Signal[]): void;
  /** An open alert rebuilt from the store: its condition counts as raised. */
  restore?(alert: Alert): void;
  /**
   * Period totals kept in memory, seeded from the store at start: `from` is where the
   * current period began; `apply` takes, per meter and per quantity (`quantitiesOf`: which
   * registers of that meter count), the sum of its deltas from there to `untilMs`, after
   * which readings before `untilMs` are ignored (already counted).
   */
  seed?: PeriodSeed;
}

/** Sums of deltas from the store: meter id -> quantity -> sum over the period so far. */
export type SeedSums = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** How an evaluator's period totals are seeded from the store (see `Evaluator.seed`). */
export interface PeriodSeed {
  quantitiesOf(meterId: string): readonly string[];
  from(nowMs: number): number;
  apply(sums: SeedSums, untilMs: number): void;
}

/** Whole kW with a thousands separator, for the items of a list parameter (language-neutral). */
export function kw(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} kW`;
}

/** A percentage with one decimal, for the items of a list parameter. */
export function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A ratio as a percentage with one decimal, as a number for a message parameter (0.4567 -> 45.7). */
export function pctValue(ratio: number): number {
  return Math.round(ratio * 1000) / 10;
}
