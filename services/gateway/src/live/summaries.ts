import { allocateHour, greenCode, greenShares, intensityPer10kCny, sizeClassOf, tenantGreenShare, zeroCarbonIndicators } from '@lingtan/domain';
import type { CarbonTotals, FactorChoice, GreenCodeSettings, GreenShares, RegistryIndex } from '@lingtan/domain';
import type { Enterprise, EnterpriseSummary, ParkSummary } from '@lingtan/schema';
import type { AlertBook } from './alert-book.js';
import { budgetLevel, worseOf } from './budget-levels.js';
import type { LiveBudgets } from './budget-levels.js';
import type { DayTotals } from './day-totals.js';
import { PARK_SITE } from './day-totals.js';
import { energyFlows } from './flows.js';
import type { MeterBook } from './meter-book.js';
import type { MeterRoles } from './meter-roles.js';
import type { EnterprisePower, ParkPower } from './power.js';

/** Everything a summary is computed from, at one instant. */
export interface SummaryContext {
  readonly index: RegistryIndex;
  readonly roles: MeterRoles;
  readonly choice: FactorChoice;
  readonly totals: DayTotals;
  /** The park's power now (computed on first use). */
  readonly power: () => ParkPower;
  /** One enterprise's power now (computed on first use). */
  readonly enterprisePower: (enterprise: string) => EnterprisePower;
  readonly alerts: AlertBook;
  readonly meters: MeterBook;
  readonly nowMs: number;
  readonly budgets: LiveBudgets | undefined;
  readonly greenCodeSettings: GreenCodeSettings | undefined;
  readonly deadLettersToday: number;
}

/** Share of today elapsed, 0-1 (the flat plan of a daily budget). */
function dayShare(ctx: SummaryContext): number {
  const { startMs, endMs } = ctx.totals.day;
  return Math.min(1, Math.max(0, (ctx.nowMs - startMs) / (endMs - startMs)));
}

/** Share of the site's consumption (accounting) meters online: the budget's completeness. */
function completeness(ctx: SummaryContext, enterprise?: string): number {
  let total = 0;
  let online = 0;
  for (const s of ctx.meters.all()) {
    if (!ctx.roles.accounting.has(s.meter.id) || (enterprise !== undefined && s.meter.enterprise !== enterprise)) continue;
    total += 1;
    if (ctx.meters.online(s, ctx.nowMs)) online += 1;
  }
  return total === 0 ? 0 : online / total;
}

function shares(ctx: SummaryContext, site: string): GreenShares {
  return greenShares(ctx.totals.greenHours(site), { gecCountsAsGreen: ctx.choice.gecCountsAsGreen });
}

const pct = (share: number | null): number | null => (share === null ? null : share * 100);

/**
 * One enterprise's live figures. Green share: the park's green electricity traced to it,
 * hour by hour (`tenantGreenShare`: each hour's park-wide hourly-matched green fraction of
 * what it drew), since shared PV, storage and green trades reach every tenant through the
 * park's grid connection.
 * Intensity: today's tce per 10,000 CNY of metered output. The 零碳绿码 has no intensity
 * trend yet (no last-year figure in the live model), so that component is grey.
 */
export function enterpriseSummary(ctx: SummaryContext, e: Enterprise): EnterpriseSummary {
  const totals = ctx.totals.enterpriseTotals(e.id);
  const share = tenantGreenShare(shares(ctx, PARK_SITE), ctx.totals.greenHours(e.id)).share;
  const budget = ctx.budgets?.enterprises?.[e.id];
  const fraction = dayShare(ctx);
  const done = completeness(ctx, e.id);
  const level = worseOf(budgetLevel(budget?.tce, totals.tce, fraction, done, ctx.budgets?.settings), budgetLevel(budget?.tco2, totals.co2Kg / 1000, fraction, done, ctx.budgets?.settings));
  const code = greenCode({ budgetLevel: level.level, intensityLevel: 'grey', greenShare: share === null ? null : Math.min(1, share) }, ctx.greenCodeSettings);
  const intensity = intensityPer10kCny(totals.tce, ctx.totals.outputValueCny(e.id));
  let online = 0;
  let lastReadingMs: number | null = null;
  const meters = ctx.index.metersOf(e.id);
  for (const m of meters) {
    const s = ctx.meters.get(m.id);
    if (s === undefined) continue;
    if (ctx.meters.online(s, ctx.nowMs)) online += 1;
    if (s.tsMs !== null && (lastReadingMs === null || s.tsMs > lastReadingMs)) lastReadingMs = s.tsMs;
  }
  return {
    enterprise: e.id,
    name: e.name,
    ...(e.industry === undefined ? {} : { industry: e.industry }),
    loadKw: ctx.enterprisePower(e.id).electricityKw,
    todayKwh: totals.activity.electricityImportKwh,
    todayTce: totals.tce,
    todayTco2: totals.co2Kg / 1000,
    intensityTcePer10kCny: intensity.ok ? intensity.value : null,
    greenSharePct: pct(share),
    budget: level,
    greenCode: { colour: code.colour, reasons: [...code.reasons] },
    activeAlerts: ctx.alerts.countOf(e.id),
    metersOnline: online,
    metersTotal: meters.length,
    lastReadingMs,
  };
}

/** Status of 单位能耗碳排放 against its ceiling: met with 10 % headroom or more, near within the last 10 %, else missed. */
function zeroCarbonStatus(value: number | null, threshold: number | null): ParkSummary['zeroCarbon']['status'] {
  if (value === null || threshold === null) return 'unknown';
  if (value <= 0.9 * threshold) return 'met';
  return value <= threshold ? 'near' : 'missed';
}

function zeroCarbon(ctx: SummaryContext, park: CarbonTotals, parkShares: GreenShares): ParkSummary['zeroCarbon'] {
  // Without a configured class, the class comes from the year's tce: today's, scaled to a year.
  const fraction = dayShare(ctx);
  const annualTce = fraction > 0 ? (park.tce * 365) / fraction : park.tce * 365;
  const sizeClass = ctx.choice.sizeClass === 'auto' ? sizeClassOf(annualTce).sizeClass : ctx.choice.sizeClass;
  const zc = zeroCarbonIndicators(
    { co2Kg: Math.max(0, park.co2Kg), tce: Math.max(0, park.tce), provenance: park.provenance, greenElectricityKwh: parkShares.hourly.greenKwh },
    { coalEq: ctx.choice.coalEq, sizeClass },
  );
  const value = zc.carbonPerEnergy.value;
  const threshold = zc.carbonPerEnergy.threshold;
  return { tco2PerTce: value, thresholdTco2PerTce: threshold, status: zeroCarbonStatus(value, threshold), provisional: zc.provisional };
}

/** Green share now: the present rates as one hour, with the battery's green pool as today left it. */
function greenNow(ctx: SummaryContext, parkShares: GreenShares): number | null {
  const p = ctx.power();
  const hour = {
    startMs: ctx.nowMs,
    loadKwh: Math.max(0, p.loadKw),
    pvKwh: Math.max(0, p.pvKw),
    dischargeKwh: Math.max(0, p.storageKw),
    chargeKwh: Math.max(0, -p.storageKw),
  };
  if (hour.loadKwh === 0) return null;
  const a = allocateHour(hour, parkShares.pool, { gecCountsAsGreen: ctx.choice.gecCountsAsGreen });
  const green = a.greenToLoad.pv + a.greenToLoad.storage + a.greenToLoad.trade + a.greenToLoad.gec;
  return (green / hour.loadKwh) * 100;
}

/**
 * The whole park's live figures. The park's green share treats the park as one site (all
 * consumption meters against all PV and storage, hourly-matched), so shared PV counts.
 */
export function parkSummary(ctx: SummaryContext): ParkSummary {
  const registry = ctx.index.registry;
  const park = ctx.totals.parkTotals();
  const parkShares = shares(ctx, PARK_SITE);
  const budgets = ctx.budgets;
  const fraction = dayShare(ctx);
  const done = completeness(ctx);
  const carbonLevel = budgetLevel(budgets?.park?.tco2, park.co2Kg / 1000, fraction, done, budgets?.settings);
  const energyLevel = budgetLevel(budgets?.park?.tce, park.tce, fraction, done, budgets?.settings);
  const status = ctx.meters.status(ctx.nowMs);
  const online = status.filter((s) => s.online).length;
  const last = status.reduce<number | null>((max, s) => (s.lastReadingMs !== null && (max === null || s.lastReadingMs > max) ? s.lastReadingMs : max), null);
  const p = ctx.power();
  return {
    park: registry.park.id,
    name: registry.park.name,
    atMs: ctx.nowMs,
    timezone: registry.park.timezone,
    factorSet: ctx.choice.factorSetVersion,
    power: { loadKw: p.loadKw, pvKw: p.pvKw, storageKw: p.storageKw, storageSocPct: p.storageSocPct, gridImportKw: p.gridImportKw, gridExportKw: p.gridExportKw, chpHeatKw: p.chpHeatKw },
    greenShare: { nowPct: greenNow(ctx, parkShares), todayPct: pct(parkShares.hourly.share) },
    carbon: { rateTco2PerH: p.tco2PerH, todayTco2: park.co2Kg / 1000, budgetTco2: budgets?.park?.tco2 ?? null, level: carbonLevel.level },
    energy: { todayTce: park.tce, budgetTce: budgets?.park?.tce ?? null, level: energyLevel.level },
    zeroCarbon: zeroCarbon(ctx, park, parkShares),
    alerts: ctx.alerts.counts(),
    flows: energyFlows(p, ctx.index),
    enterprises: registry.enterprises.map((e) => enterpriseSummary(ctx, e)),
    quality: { metersTotal: status.length, metersOnline: online, metersOffline: status.length - online, deadLettersToday: ctx.deadLettersToday },
    lastReadingMs: last,
  };
}
