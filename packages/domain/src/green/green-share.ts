import { KWH_PER_GEC } from '../carbon/scope2.js';
import { chargePool, dischargePool, storagePool } from './storage-pool.js';
import type { StoragePool, StoragePoolSettings } from './storage-pool.js';
import { nonNegative } from '../checks.js';

/** One hour of a site (an enterprise, or the park as one site), kWh in the hour. */
export interface GreenHour {
  readonly startMs: number;
  /** Electricity consumed, not counting battery charging. */
  readonly loadKwh: number;
  /** On-site PV generated behind the site's grid meter. */
  readonly pvKwh?: number;
  readonly chargeKwh?: number;
  readonly dischargeKwh?: number;
  /** Green power trade (绿电交易) settled for this hour. */
  readonly greenTradeKwh?: number;
  /** Retired GECs whose generation hour is this hour, in kWh (1 GEC = 1,000 kWh); not bundled with a trade. */
  readonly gecKwh?: number;
}

/** Green kWh delivered to load, by where it came from. */
export interface GreenBySource {
  readonly pv: number;
  readonly storage: number;
  readonly trade: number;
  readonly gec: number;
}

/** A green-electricity share: green kWh over load kWh; null when there was no load. */
export interface GreenShare {
  readonly loadKwh: number;
  readonly greenKwh: number;
  readonly share: number | null;
  readonly bySource: GreenBySource;
  /** Instrument kWh that found no load to cover (in its hour, for hourly matching): not counted. */
  readonly unmatchedInstrumentKwh: number;
}

export interface GreenShareSettings extends StoragePoolSettings {
  /** Whether GECs count (the park's `gec_counts_as_green`). */
  readonly gecCountsAsGreen: boolean;
  /** The battery at the first hour; default empty. */
  readonly initialPool?: StoragePool;
}

/** Annual (energy-sum) inputs: totals over the period. */
export interface GreenTotals {
  readonly loadKwh: number;
  /** PV generated on site and not exported (includes PV stored and later used). */
  readonly pvSelfConsumedKwh: number;
  readonly greenTradeKwh: number;
  readonly retiredGecCount: number;
}

function share(loadKwh: number, bySource: GreenBySource, unmatchedInstrumentKwh: number): GreenShare {
  const greenKwh = bySource.pv + bySource.storage + bySource.trade + bySource.gec;
  return { loadKwh, greenKwh, share: loadKwh > 0 ? greenKwh / loadKwh : null, bySource, unmatchedInstrumentKwh };
}

/**
 * Annual (energy-sum) green share: (PV self-consumed + green trades + GECs x 1,000 kWh) /
 * consumption, capped at consumption (instruments beyond it are unmatched, never > 100 %).
 * PV is counted first, then trades, then certificates.
 */
export function annualGreenShare(totals: GreenTotals, settings: Pick<GreenShareSettings, 'gecCountsAsGreen'>): GreenShare {
  const load = nonNegative(totals.loadKwh, 'loadKwh');
  const pv = Math.min(nonNegative(totals.pvSelfConsumedKwh, 'pvSelfConsumedKwh'), load);
  const trade = Math.min(nonNegative(totals.greenTradeKwh, 'greenTradeKwh'), load - pv);
  const gecs = settings.gecCountsAsGreen ? nonNegative(totals.retiredGecCount, 'retiredGecCount') * KWH_PER_GEC : 0;
  const gec = Math.min(gecs, load - pv - trade);
  const instruments = totals.greenTradeKwh + gecs;
  return share(load, { pv, storage: 0, trade, gec }, instruments - trade - gec);
}

/** One hour's allocation; see `hourlyGreenShare`. */
export interface HourAllocation {
  readonly greenToLoad: GreenBySource;
  readonly gridImportKwh: number;
  readonly pvExportKwh: number;
  readonly unmatchedInstrumentKwh: number;
  readonly pool: StoragePool;
}

/**
 * One hour: PV serves load first, then the battery's discharge (at the pool's green
 * fraction), then the grid; PV surplus charges the battery before the grid does, and the
 * rest is exported. Grid import is green up to the hour's trades, then its GECs; energy
 * charged from the grid takes the same green fraction. Discharge is taken before charge.
 */
export function allocateHour(hour: GreenHour, pool: StoragePool, settings: GreenShareSettings): HourAllocation {
  const load = nonNegative(hour.loadKwh, 'loadKwh');
  const pv = nonNegative(hour.pvKwh, 'pvKwh');
  const charge = nonNegative(hour.chargeKwh, 'chargeKwh');
  const discharge = nonNegative(hour.dischargeKwh, 'dischargeKwh');
  const trade = nonNegative(hour.greenTradeKwh, 'greenTradeKwh');
  const gec = settings.gecCountsAsGreen ? nonNegative(hour.gecKwh, 'gecKwh') : 0;

  const pvToLoad = Math.min(pv, load);
  const out = dischargePool(pool, discharge, settings);
  const dischargeToLoad = Math.min(discharge, load - pvToLoad);
  const storageGreen = discharge > 0 ? (out.greenKwh * dischargeToLoad) / discharge : 0;
  const loadFromGrid = load - pvToLoad - dischargeToLoad;
  const pvToCharge = Math.min(pv - pvToLoad, charge);
  const chargeFromGrid = charge - pvToCharge;
  const gridImportKwh = loadFromGrid + chargeFromGrid;
  const tradeUsed = Math.min(trade, gridImportKwh);
  const gecUsed = Math.min(gec, gridImportKwh - tradeUsed);
  // Fractions first (each <= 1), so a product never exceeds the energy it is a part of.
  const tradeFraction = gridImportKwh > 0 ? tradeUsed / gridImportKwh : 0;
  const gecFraction = gridImportKwh > 0 ? gecUsed / gridImportKwh : 0;
  const chargeGreen = pvToCharge + chargeFromGrid * Math.min(1, tradeFraction + gecFraction);
  return {
    greenToLoad: { pv: pvToLoad, storage: storageGreen, trade: loadFromGrid * tradeFraction, gec: loadFromGrid * gecFraction },
    gridImportKwh,
    pvExportKwh: pv - pvToLoad - pvToCharge,
    unmatchedInstrumentKwh: trade + gec - tradeUsed - gecUsed,
    pool: chargePool(out.pool, charge, chargeGreen, settings),
  };
}

/** Hourly-matched and annual shares of the same hours, and the battery at the end. */
export interface GreenShares {
  readonly hourly: GreenShare;
  readonly annual: GreenShare;
  readonly hours: readonly (GreenShare & { readonly startMs: number })[];
  readonly pool: StoragePool;
}

/**
 * Green electricity share of a site over `hours` (sorted), two ways side by side:
 * hourly-matched (each hour's load met by clean supply in that hour, storage carried
 * through a green-fraction pool; instruments do not move between hours) and annual
 * (energy sums, `annualGreenShare`). Hourly never exceeds annual when the battery starts
 * empty and unknown energy is not green.
 */
export function greenShares(hours: readonly GreenHour[], settings: GreenShareSettings): GreenShares {
  let pool = settings.initialPool ?? storagePool();
  const sum = { pv: 0, storage: 0, trade: 0, gec: 0 };
  const totals = { load: 0, pvSelf: 0, trade: 0, gecKwh: 0, unmatched: 0 };
  const perHour: (GreenShare & { readonly startMs: number })[] = [];
  let lastStart = -Infinity;
  for (const hour of hours) {
    if (!(hour.startMs > lastStart)) throw new RangeError(`hours must be sorted and distinct (at ${hour.startMs})`);
    lastStart = hour.startMs;
    const a = allocateHour(hour, pool, settings);
    pool = a.pool;
    for (const k of ['pv', 'storage', 'trade', 'gec'] as const) sum[k] += a.greenToLoad[k];
    totals.load += hour.loadKwh;
    totals.pvSelf += (hour.pvKwh ?? 0) - a.pvExportKwh;
    totals.trade += hour.greenTradeKwh ?? 0;
    totals.gecKwh += hour.gecKwh ?? 0;
    totals.unmatched += a.unmatchedInstrumentKwh;
    perHour.push({ startMs: hour.startMs, ...share(hour.loadKwh, a.greenToLoad, a.unmatchedInstrumentKwh) });
  }
  const annual = annualGreenShare({ loadKwh: totals.load, pvSelfConsumedKwh: totals.pvSelf, greenTradeKwh: totals.trade, retiredGecCount: totals.gecKwh / KWH_PER_GEC }, settings);
  return { hourly: share(totals.load, sum, totals.unmatched), annual, hours: perHour, pool };
}

/** A park's share from its enterprises' shares: summed green kWh over summed load kWh. */
export function combineGreenShares(parts: readonly GreenShare[]): GreenShare {
  const bySource = { pv: 0, storage: 0, trade: 0, gec: 0 };
  let load = 0;
  let unmatched = 0;
  for (const p of parts) {
    load += p.loadKwh;
    unmatched += p.unmatchedInstrumentKwh;
    for (const k of ['pv', 'storage', 'trade', 'gec'] as const) bySource[k] += p.bySource[k];
  }
  return share(load, bySource, unmatched);
}
