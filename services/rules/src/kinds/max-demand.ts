import { demandWindowStartMs, forecastWindowDemand } from '@lingtan/domain';
import type { Alert, MaxDemandRule, Meter, NormalizedReading, Recommendation } from '@lingtan/schema';
import type { Evaluator, Signal } from './evaluator.js';
import { alertSummaryOf, alertText } from '@lingtan/schema';
import { kw } from './evaluator.js';

interface WindowState {
  windowStartMs: number;
  energyKwh: number;
  lastTsMs: number;
  active: boolean;
  /** The window the alert was last raised or refreshed in (one update per window at most). */
  raisedWindowMs: number;
}

interface Observed {
  powerKw?: number;
  socPct?: number;
}

/**
 * The kW by which power must drop for the rest of the window so that its average comes back
 * to `targetKw`: the window average moves by (cut x remaining share), so cut = excess /
 * remaining share. E.g. forecast 1,010 kW, target 950 kW, 10 of 15 minutes gone: 60 / (1/3) = 180 kW.
 */
export function requiredCutKw(forecastKw: number, targetKw: number, elapsedFraction: number): number {
  const remaining = 1 - elapsedFraction;
  if (forecastKw <= targetKw) return 0;
  return remaining > 0 ? (forecastKw - targetKw) / remaining : Number.POSITIVE_INFINITY;
}

/**
 * Maximum demand (最大需量) per subject meter: energy since the current 15-minute window
 * began (interval deltas of `energy_import_kwh`, the part of a delta that spans the window
 * start prorated), forecast to the window's end with the latest `power_kw`. Raised once the
 * forecast reaches the warning level, before the window closes; refreshed once per window
 * while it stays there; cleared when a forecast falls below the level minus the hysteresis.
 */
export class MaxDemandEvaluator implements Evaluator {
  readonly meters: ReadonlySet<string>;
  private readonly subjects: ReadonlySet<string>;
  private readonly state = new Map<string, WindowState>();
  private readonly observed = new Map<string, Observed>();

  constructor(
    private readonly rule: MaxDemandRule,
    subjects: readonly Meter[],
    private readonly nameOf: (meterId: string) => string,
  ) {
    this.subjects = new Set(subjects.map((m) => m.id));
    const watched = [...(rule.storage === undefined ? [] : [rule.storage.meter]), ...rule.flexible_loads];
    this.meters = new Set([...this.subjects, ...watched]);
    for (const id of watched) this.observed.set(id, {});
  }

  onReading(meter: Meter, reading: NormalizedReading, out: Signal[]): void {
    const seen = this.observed.get(meter.id);
    if (seen !== undefined) {
      if (reading.v.power_kw !== undefined) seen.powerKw = reading.v.power_kw;
      if (reading.v.soc_pct !== undefined) seen.socPct = reading.v.soc_pct;
    }
    if (this.subjects.has(meter.id)) this.onSubject(meter.id, reading, out);
  }

  restore(alert: Alert): void {
    const s = this.stateOf(alert.meter);
    s.active = true;
  }

  private stateOf(meter: string): WindowState {
    let s = this.state.get(meter);
    if (s === undefined) {
      s = { windowStartMs: Number.NaN, energyKwh: 0, lastTsMs: Number.NEGATIVE_INFINITY, active: false, raisedWindowMs: Number.NaN };
      this.state.set(meter, s);
    }
    return s;
  }

  private onSubject(meter: string, reading: NormalizedReading, out: Signal[]): void {
    const s = this.stateOf(meter);
    const ts = reading.ts;
    if (ts <= s.lastTsMs) return; // a redelivery or a late reading: already counted
    const prevTs = s.lastTsMs;
    s.lastTsMs = ts;
    const delta = reading.d?.energy_import_kwh ?? 0;
    const windowStartMs = demandWindowStartMs(ts);
    if (windowStartMs !== s.windowStartMs) {
      s.windowStartMs = windowStartMs;
      // Only the part of the interval inside the new window counts (energy spread evenly).
      s.energyKwh = Number.isFinite(prevTs) && prevTs < windowStartMs ? (delta * (ts - windowStartMs)) / (ts - prevTs) : delta;
    } else {
      s.energyKwh += delta;
    }
    const elapsedMs = ts - windowStartMs;
    if (elapsedMs <= 0 || elapsedMs < this.rule.min_elapsed_ms) return;
    const recent = reading.v.power_kw;
    const f = forecastWindowDemand({ windowStartMs, nowMs: ts, energySoFarKwh: s.energyKwh, ...(recent === undefined ? {} : { recentPowerKw: recent }) });
    const warnKw = this.rule.limit_kw * this.rule.warn_ratio;
    if (f.forecastKw >= warnKw) {
      if (s.active && s.raisedWindowMs === windowStartMs) return;
      s.active = true;
      s.raisedWindowMs = windowStartMs;
      const leftS = Math.round((f.windowEndMs - ts) / 1000);
      out.push({
        type: 'raise',
        subject: meter,
        atMs: ts,
        value: Math.round(f.forecastKw * 10) / 10,
        detail: alertText('max_demand.forecast_over', { forecastKw: Math.round(f.forecastKw), limitKw: Math.round(this.rule.limit_kw), warnKw: Math.round(warnKw), leftS }),
        recommendation: this.recommend(requiredCutKw(f.forecastKw, warnKw, f.elapsedFraction)),
      });
    } else if (s.active && f.forecastKw < warnKw - this.rule.hysteresis_kw) {
      s.active = false;
      out.push({ type: 'clear', subject: meter, atMs: ts, value: Math.round(f.forecastKw * 10) / 10 });
    }
  }

  /** Storage first (up to its spare discharge power, if charged enough), then flexible loads, largest first. */
  private recommend(cutKw: number): Recommendation {
    const actions: Recommendation['actions'][number][] = [];
    let discharge: { storageName: string; storage: string; dischargeKw: number; socPct: number | undefined } | undefined;
    const cuts: string[] = [];
    let remaining = Number.isFinite(cutKw) ? Math.ceil(cutKw) : 0;
    const storage = this.rule.storage;
    if (storage !== undefined && remaining > 0) {
      const seen = this.observed.get(storage.meter) ?? {};
      const spareKw = storage.max_discharge_kw - Math.max(0, seen.powerKw ?? 0);
      if ((seen.socPct === undefined || seen.socPct > storage.min_soc_pct) && spareKw > 0) {
        const dispatch = Math.min(remaining, Math.floor(spareKw));
        actions.push({ action: 'discharge_storage', target: storage.meter, kw: dispatch });
        discharge = { storageName: this.nameOf(storage.meter), storage: storage.meter, dischargeKw: dispatch, socPct: seen.socPct === undefined ? undefined : Math.round(seen.socPct) };
        remaining -= dispatch;
      }
    }
    const loads = this.rule.flexible_loads
      .map((id) => ({ id, powerKw: this.observed.get(id)?.powerKw ?? 0 }))
      .filter((l) => l.powerKw > 0)
      .sort((a, b) => b.powerKw - a.powerKw);
    for (const load of loads) {
      if (remaining <= 0) break;
      const cut = Math.min(remaining, Math.floor(load.powerKw));
      actions.push({ action: 'reduce_load', target: load.id, kw: cut });
      // Language-neutral, as it goes into one list parameter: name (id) now -> cut by.
      cuts.push(`${this.nameOf(load.id)} (${load.id}) ${kw(load.powerKw)} −${kw(cut)}`);
      remaining -= cut;
    }
    if (!Number.isFinite(cutKw)) return { ...alertSummaryOf(alertText('max_demand.cut_now', {})), actions };
    const text = alertText('max_demand.cut', {
      cutKw: Math.ceil(cutKw),
      ...discharge,
      // After a storage step the loads read "; then reduce ...", alone "reduce ...".
      [discharge === undefined ? 'loads' : 'thenLoads']: cuts.length > 0 ? cuts.join('; ') : undefined,
      none: discharge === undefined && cuts.length === 0,
      uncoveredKw: remaining > 0 ? remaining : undefined,
    });
    return { ...alertSummaryOf(text), actions };
  }
}
