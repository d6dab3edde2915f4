import { FACTOR_SET, factorOfCategory, findFactor } from '../factors/factor-set.js';
import type { FactorSet } from '../factors/factor-set.js';
import type { Factor } from '../factors/factor-types.js';
import { provenanceOf } from '../factors/provenance.js';
import type { Provenance } from '../factors/provenance.js';
import { nonNegative } from '../checks.js';

/** 1 green electricity certificate (GEC, 绿证) = 1 MWh = 1,000 kWh (NDRC/NEA 2023 GEC notice). */
export const KWH_PER_GEC = 1000;

/**
 * The factor for the market-based rest (electricity not covered by an instrument). A visible,
 * versioned setting of the park: either a residual factor of the data set (category
 * `electricity_co2_residual`, e.g. MEE/NBS "excluding market-traded non-fossil electricity"),
 * or the location-based grid average, which the GHG Protocol Scope 2 Guidance (§6.11) allows
 * when no residual mix is published.
 */
export type ResidualSetting =
  | { readonly kind: 'factor'; readonly factorId: string }
  | { readonly kind: 'location_average' };

/** Which factors a park uses for scope 2. */
export interface Scope2Settings {
  /** Grid region for the location-based factor, as MEE/NBS write it (`江苏`, `华东`, `全国`). */
  readonly gridRegion: string;
  readonly gridYear: number;
  readonly residual: ResidualSetting;
  /** Purchased-heat factor id; default `heat_default` (0.11 tCO2/GJ). */
  readonly heatFactorId?: string;
  readonly set?: FactorSet;
}

/** What an enterprise (or meter group) bought and claimed in a period. */
export interface Scope2Activity {
  /** Electricity bought from the grid (metered import). */
  readonly gridImportKwh: number;
  readonly purchasedHeatGj: number;
  /** PV generated and consumed behind the meter: no scope 2 (it is not bought). */
  readonly onSitePvSelfConsumedKwh?: number;
  /** Green power trades (绿电交易) delivered in the period. */
  readonly greenPowerTradeKwh?: number;
  /** GECs retired for the period and not already bundled with a green power trade. */
  readonly retiredGecCount?: number;
}

/** One method's result. */
export interface Scope2Method {
  readonly electricityCo2Kg: number;
  readonly heatCo2Kg: number;
  readonly co2Kg: number;
  readonly electricityFactorId: string;
  readonly provenance: Provenance;
}

/** Location-based and market-based side by side (GHG Protocol Scope 2 Guidance, dual reporting). */
export interface Scope2Result {
  readonly location: Scope2Method;
  readonly market: Scope2Method & {
    /** Instrument kWh applied to consumption (at zero emissions). */
    readonly claimedKwh: number;
    /** Instrument kWh beyond consumption: not applied, never negative emissions. */
    readonly unclaimedKwh: number;
    /** Consumption left for the residual factor. */
    readonly residualKwh: number;
    readonly residual: ResidualSetting;
  };
  /** Grid import plus PV consumed on site. */
  readonly electricityConsumedKwh: number;
}

/** The MEE/NBS average grid factor (location-based), by region and year; throws if the set has none. */
export function gridAverageFactor(region: string, year: number, set: FactorSet = FACTOR_SET): Factor {
  return findFactor({ category: 'electricity_co2_location', region, year }, set);
}

function residualFactor(settings: Scope2Settings, location: Factor, set: FactorSet): Factor {
  return settings.residual.kind === 'location_average'
    ? location
    : factorOfCategory(settings.residual.factorId, 'electricity_co2_residual', set);
}

/**
 * Scope 2 CO2, location-based and market-based. Location: grid import x MEE/NBS average
 * factor of the park's region and year. Market: instruments (green power trades, retired
 * GECs) cover consumption at zero, the rest takes the residual setting. Purchased heat:
 * GJ x 0.11 tCO2/GJ in both (NDRC 24-industry accounting guidelines).
 */
export function scope2Co2(activity: Scope2Activity, settings: Scope2Settings): Scope2Result {
  const set = settings.set ?? FACTOR_SET;
  const gridKwh = nonNegative(activity.gridImportKwh, 'gridImportKwh');
  const heatGj = nonNegative(activity.purchasedHeatGj, 'purchasedHeatGj');
  const pvKwh = nonNegative(activity.onSitePvSelfConsumedKwh, 'onSitePvSelfConsumedKwh');
  const gecs = nonNegative(activity.retiredGecCount, 'retiredGecCount');
  if (!Number.isInteger(gecs)) throw new RangeError(`retiredGecCount must be a whole number, got ${gecs}`);
  const instrumentKwh = nonNegative(activity.greenPowerTradeKwh, 'greenPowerTradeKwh') + gecs * KWH_PER_GEC;

  const location = gridAverageFactor(settings.gridRegion, settings.gridYear, set);
  const residual = residualFactor(settings, location, set);
  const heat = factorOfCategory(settings.heatFactorId ?? 'heat_default', 'heat_co2', set);
  const heatCo2Kg = heatGj * heat.value * 1000;

  const locationElectricity = gridKwh * location.value;
  const claimedKwh = Math.min(instrumentKwh, gridKwh);
  const residualKwh = gridKwh - claimedKwh;
  const marketElectricity = residualKwh * residual.value;
  return {
    location: {
      electricityCo2Kg: locationElectricity,
      heatCo2Kg,
      co2Kg: locationElectricity + heatCo2Kg,
      electricityFactorId: location.id,
      provenance: provenanceOf([location, heat], set.version),
    },
    market: {
      electricityCo2Kg: marketElectricity,
      heatCo2Kg,
      co2Kg: marketElectricity + heatCo2Kg,
      electricityFactorId: residual.id,
      provenance: provenanceOf([residual, heat], set.version),
      claimedKwh,
      unclaimedKwh: instrumentKwh - claimedKwh,
      residualKwh,
      residual: settings.residual,
    },
    electricityConsumedKwh: gridKwh + pvKwh,
  };
}
