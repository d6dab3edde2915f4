import { localDateTime, zonedToUtcMs } from '../time/zoned-time.js';
import { checkInterval } from './energy-interval.js';
import type { EnergyInterval } from './energy-interval.js';

/** Time-of-use bands: 尖峰 sharp, 高峰 peak, 平段 flat, 低谷 valley, 深谷 deep valley. */
export type TouBand = 'sharp' | 'peak' | 'flat' | 'valley' | 'deep_valley';

/** One band over local minutes of the day [fromMinute, toMinute), 0-1440. */
export interface TouWindow {
  readonly fromMinute: number;
  readonly toMinute: number;
  readonly band: TouBand;
}

/** Windows and prices that apply in some calendar months. */
export interface TouSeason {
  readonly name: string;
  /** Months 1-12. */
  readonly months: readonly number[];
  readonly windows: readonly TouWindow[];
  readonly pricesCnyPerKwh: Readonly<Partial<Record<TouBand, number>>>;
}

/** A park's time-of-use tariff (分时电价), versioned so a cost names the tariff it used. */
export interface TouTariff {
  readonly version: string;
  readonly timeZone: string;
  readonly seasons: readonly TouSeason[];
}

function seasonProblems(s: TouSeason): string[] {
  const problems: string[] = [];
  const sorted = [...s.windows].sort((a, b) => a.fromMinute - b.fromMinute);
  let at = 0;
  for (const w of sorted) {
    if (w.fromMinute !== at) problems.push(`season ${s.name}: ${w.fromMinute > at ? 'gap' : 'overlap'} at minute ${at}`);
    if (!(w.toMinute > w.fromMinute)) problems.push(`season ${s.name}: empty window at minute ${w.fromMinute}`);
    const price = s.pricesCnyPerKwh[w.band];
    if (price === undefined || !Number.isFinite(price) || price < 0) problems.push(`season ${s.name}: no valid price for band ${w.band}`);
    at = Math.max(at, w.toMinute);
  }
  if (at !== 1440) problems.push(`season ${s.name}: windows end at minute ${at}, not 1440`);
  return problems;
}

/** Checks a tariff: every month in exactly one season, windows tiling the day, a price per band used. Throws listing every problem. */
export function validateTouTariff(tariff: TouTariff): TouTariff {
  const problems = tariff.seasons.flatMap(seasonProblems);
  for (let month = 1; month <= 12; month++) {
    const n = tariff.seasons.filter((s) => s.months.includes(month)).length;
    if (n !== 1) problems.push(`month ${month} is in ${n} seasons, expected 1`);
  }
  localDateTime(0, tariff.timeZone);
  if (problems.length > 0) throw new RangeError(`tariff ${tariff.version}: ${problems.join('; ')}`);
  return tariff;
}

/** The band in force at `ms`, its price, and when its window ends. */
export interface TouSlot {
  readonly season: string;
  readonly band: TouBand;
  readonly priceCnyPerKwh: number;
  readonly windowEndMs: number;
}

/** The time-of-use slot at instant `ms`, from the local wall clock in the tariff's zone. */
export function touSlotAt(ms: number, tariff: TouTariff): TouSlot {
  const t = localDateTime(ms, tariff.timeZone);
  const season = tariff.seasons.find((s) => s.months.includes(t.month));
  const minute = t.hour * 60 + t.minute;
  const window = season?.windows.find((w) => w.fromMinute <= minute && minute < w.toMinute);
  const price = window === undefined ? undefined : season?.pricesCnyPerKwh[window.band];
  if (season === undefined || window === undefined || price === undefined) {
    throw new RangeError(`tariff ${tariff.version} has no band for month ${t.month} minute ${minute}; validate it first`);
  }
  const end = { year: t.year, month: t.month, day: t.day, hour: 0, minute: window.toMinute, second: 0 };
  // A window end inside a skipped hour (clocks set forward) could land at or before `ms`.
  const windowEndMs = Math.max(zonedToUtcMs(end, tariff.timeZone), Math.floor(ms / 60_000) * 60_000 + 60_000);
  return { season: season.name, band: window.band, priceCnyPerKwh: price, windowEndMs };
}

/** Energy and cost in one band. */
export interface BandCost {
  readonly energyKwh: number;
  readonly costCny: number;
}

/** Time-of-use cost of some intervals. */
export interface TouCost {
  readonly costCny: number;
  readonly energyKwh: number;
  readonly byBand: Readonly<Partial<Record<TouBand, BandCost>>>;
  readonly tariffVersion: string;
}

/**
 * Energy cost under a time-of-use tariff: each interval's energy is priced by the band in
 * force; an interval that straddles a band change is split in proportion to time (power
 * taken as even within the interval).
 */
export function touCost(intervals: readonly EnergyInterval[], tariff: TouTariff): TouCost {
  const byBand: Partial<Record<TouBand, { energyKwh: number; costCny: number }>> = {};
  let costCny = 0;
  let energyKwh = 0;
  for (const interval of intervals) {
    checkInterval(interval);
    const span = interval.endMs - interval.startMs;
    for (let t = interval.startMs; t < interval.endMs; ) {
      const slot = touSlotAt(t, tariff);
      const segEnd = Math.min(interval.endMs, slot.windowEndMs);
      const kwh = (interval.energyKwh * (segEnd - t)) / span;
      const band = (byBand[slot.band] ??= { energyKwh: 0, costCny: 0 });
      band.energyKwh += kwh;
      band.costCny += kwh * slot.priceCnyPerKwh;
      costCny += kwh * slot.priceCnyPerKwh;
      energyKwh += kwh;
      t = segEnd;
    }
  }
  return { costCny, energyKwh, byBand, tariffVersion: tariff.version };
}
