export { fixedClock } from './clock.js';
export type { Clock } from './clock.js';
export { indexRegistry } from './registry-index.js';
export type { RegistryIndex } from './registry-index.js';
export { RegistryChangeRefused, checkRegistryChange, createLiveRegistry, diffRegistries } from './live-registry.js';
export type { IdChanges, LiveRegistry, RegistryChange } from './live-registry.js';
export { DEFAULT_GAP_FACTOR, isRegister, registerConfigs, stepMeter } from './counters/meter-counters.js';
export type { MeterCounterState, MeterStep } from './counters/meter-counters.js';
export { stepRegister } from './counters/register-step.js';
export type { CounterMark, RegisterConfig, RegisterReplacement, RegisterState, RegisterStep } from './counters/register-step.js';

/** Factor data set (derived from shared/reference/factors-sourced.csv) and lookups that throw rather than return zero. */
export { FACTOR_SET, FACTOR_SET_VERSION, factorById, factorOfCategory, findFactor } from './factors/factor-set.js';
export type { FactorQuery, FactorSet } from './factors/factor-set.js';
export { FactorLookupError } from './factors/factor-types.js';
export type { ConfidenceGrade, Factor, FactorCategory, FactorSource, FuelParameters, GridLevel, WithheldFactor } from './factors/factor-types.js';
/** Which factors and data-set version a figure used; provisional unless every grade is A. */
export { mergeProvenance, provenanceOf } from './factors/provenance.js';
export type { Provenance } from './factors/provenance.js';

/** Standard coal (综合能耗, tce), GB/T 2589-2020 Annex A; 当量值 and configured 等价值 bases. */
export { coalEqFactor, comprehensiveEnergy, energyAmount, fromTce, toTce, wireQuantity } from './energy/coal-equivalent.js';
export type { CoalEqBasis, CoalEqOptions, ComprehensiveEnergy, EnergyAmount, EnergyItem, MassEnergyItem, TceResult } from './energy/coal-equivalent.js';

/** Scope 1 CO2 from fuels, GB/T 32150-2015: FC x NCV x CC x OF x 44/12. */
export { fuelAmountCo2Kg, fuelCombustionCo2, fuelFactor } from './carbon/scope1.js';
export type { FuelAmount, FuelCo2, FuelKind, MeasuredFuelParameters } from './carbon/scope1.js';
/** Scope 2 CO2, location-based (MEE/NBS grid average) and market-based (GHG Protocol Scope 2 Guidance) side by side. */
export { KWH_PER_GEC, gridAverageFactor, scope2Co2 } from './carbon/scope2.js';
export type { ResidualSetting, Scope2Activity, Scope2Method, Scope2Result, Scope2Settings } from './carbon/scope2.js';

/** Local calendar periods in a park's IANA time zone (Intl), correct across daylight-saving changes. */
export { MAX_PERIODS, billingPeriodOf, periodOf, periodsBetween } from './time/periods.js';
export type { Period, PeriodUnit } from './time/periods.js';
export { localDateTime, utcOffsetMs, zonedToUtcMs } from './time/zoned-time.js';
export type { LocalDateTime } from './time/zoned-time.js';

/** Time-of-use cost (分时电价, 尖峰平谷 per season) and the two-part tariff's 15-minute demand. */
export { checkInterval } from './tariff/energy-interval.js';
export type { EnergyInterval } from './tariff/energy-interval.js';
export { touCost, touSlotAt, validateTouTariff } from './tariff/tou.js';
export type { BandCost, TouBand, TouCost, TouSeason, TouSlot, TouTariff, TouWindow } from './tariff/tou.js';
export { DEMAND_WINDOW_MS, cumulativeEnergy, demandWindowStartMs, forecastWindowDemand, maxDemand, rollingDemand } from './tariff/demand.js';
export type { DemandForecast, DemandOptions, OpenWindow, WindowDemand } from './tariff/demand.js';

/** Budgets (用能预算 / 碳预算, 双控) with warning levels, seasonal plans, and intensity per 万元 output. */
export { DEFAULT_BUDGET_SETTINGS, budgetStatus } from './budget/budget.js';
export type { BudgetInput, BudgetSettings, BudgetStatus } from './budget/budget.js';
export { monthlyPlan, planShareAt } from './budget/plan-profile.js';
export type { PlanSegment } from './budget/plan-profile.js';
export { cumulativeSeries, proRataPlan, segmentShare } from './budget/budget-series.js';
export type { CumulativeInput, CumulativePoint, DayActual } from './budget/budget-series.js';
/** Expected load profiles: same-weekday medians with a p10-p90 band. */
export { BASELINE_MIN_WEEKS, quantile, slotsOfDay, weekdayProfile } from './baseline/profile.js';
export type { ProfileSlot } from './baseline/profile.js';
export { checkBands, levelForRatio } from './budget/warning-level.js';
export type { WarningBands, WarningLevel } from './budget/warning-level.js';
export { intensityPer10kCny, intensityPerUnit, intensityTrend } from './budget/intensity.js';
export type { Intensity, IntensityTrend } from './budget/intensity.js';

/** The park's factor choice (registry `park.accounting`) resolved with documented defaults, failing fast on a factor the set lacks. */
export { DEFAULT_STEAM_GJ_PER_T, factorChoiceOf } from './accounting/factor-choice.js';
export type { FactorChoice } from './accounting/factor-choice.js';
/** tce (GB/T 2589-2020) and CO2 (scope 1 GB/T 32150-2015, scope 2 location-based) from `{quantity}_delta` interval deltas. */
export { ENERGY_CARRIERS, addActivity, addPoint, carbonTotals, emptyActivity } from './accounting/interval-totals.js';
export { meterAccountingFactor } from './accounting/meter-factor.js';
export type { MeterAccountingFactor } from './accounting/meter-factor.js';
export type { Activity, ActivitySum, CarbonTotals, DeltaPoint } from './accounting/interval-totals.js';
/** Per-period totals per meter, enterprise and park; which meters count (no double counting of sub-meters). */
export { accountingMeters, totalsByPeriod } from './accounting/period-totals.js';
export type { AggregateResult, PeriodTotals, SkippedPoints } from './accounting/period-totals.js';

/** Green electricity share, annual (energy sums) and hourly-matched, with storage carried through a green-fraction pool. */
export { allocateHour, annualGreenShare, combineGreenShares, greenShares } from './green/green-share.js';
export type { GreenBySource, GreenHour, GreenShare, GreenShareSettings, GreenShares, GreenTotals, HourAllocation } from './green/green-share.js';
/** A tenant's share of the park's green electricity: each hour's park-wide green fraction of what it drew. */
export { tenantGreenShare } from './green/tenant-share.js';
export type { TenantGreenShare, TenantHour } from './green/tenant-share.js';
export { chargePool, dischargePool, poolGreenFraction, storagePool } from './green/storage-pool.js';
export type { StoragePool, StoragePoolSettings } from './green/storage-pool.js';

/** Zero-carbon park indicators (NDRC 发改环资〔2025〕910号 附件3) against a versioned threshold table. */
export { ZERO_CARBON_THRESHOLDS, ZERO_CARBON_THRESHOLDS_VERSION, sizeClassOf, thresholdOfClass } from './zero-carbon/thresholds.js';
export type { CarbonPerEnergyThreshold, ZeroCarbonThresholdTable } from './zero-carbon/thresholds.js';
export { zeroCarbonIndicators } from './zero-carbon/indicators.js';
export type { IndicatorCheck, ZeroCarbonIndicators, ZeroCarbonInput, ZeroCarbonOptions } from './zero-carbon/indicators.js';

/** Per-enterprise 零碳绿码: weighted budget level, intensity trend and green share, with reasons. */
export { DEFAULT_GREEN_CODE_SETTINGS, greenCode } from './green-code/green-code.js';
export type { GreenCode, GreenCodeColour, GreenCodeComponent, GreenCodeInput, GreenCodeSettings } from './green-code/green-code.js';
/** Scale-out by whole enterprises (FNV-1a of the enterprise id modulo the partition count). */
export { WHOLE_PARK, enterprisesOf, partitionOf } from './partition.js';
export type { Partition } from './partition.js';
