import { carbonTotals, emptyActivity, fuelFactor } from '@lingtan/domain';
import type { ActivitySum, FactorChoice, RegistryIndex } from '@lingtan/domain';
import type { MeterRoles } from './meter-roles.js';

/** One enterprise's power now, kW, by carrier as the energy-flow diagram shows them. */
export interface EnterprisePower {
  readonly electricityKw: number;
  /** Heat and steam taken, thermal kW. */
  readonly heatKw: number;
  /** The steam part of `heatKw`. */
  readonly steamKw: number;
  /** Natural gas burnt, kW on its net calorific value. */
  readonly gasKw: number;
  /** Carbon rate now: this hour's activity if the present rates held for an hour, tCO2/h. */
  readonly tco2PerH: number;
}

/** The park's power now, kW (storage positive while discharging, as `power_kw` is metered). */
export interface ParkPower {
  readonly loadKw: number;
  readonly pvKw: number;
  readonly storageKw: number;
  readonly storageSocPct: number | null;
  readonly gridImportKw: number;
  readonly gridExportKw: number;
  readonly chpHeatKw: number;
  /** Steam bought in, thermal kW. */
  readonly steamKw: number;
  readonly gasKw: number;
  readonly tco2PerH: number;
  readonly enterprises: ReadonlyMap<string, EnterprisePower>;
}

/** 1 GJ/h in kW: 10^6 kJ / 3600 s. */
const KW_PER_GJ_PER_H = 1e6 / 3600;

/** kW of 1 Nm3/h of natural gas: GB/T 32150-2015 Annex A NCV (389.31 GJ per 10^4 Nm3) / 10^4 x 10^6 / 3600 = 10.81. */
export function gasKwPerNm3h(choice: FactorChoice): number {
  return (fuelFactor('natural_gas', choice.scope2.set).fuel.ncvGj / 10_000) * KW_PER_GJ_PER_H;
}

/** Latest values of online meters only: a silent meter's last power is not the present. */
export type LatestValues = (meterId: string) => Readonly<Record<string, number>> | undefined;

/** One enterprise's power now from its consumption meters' newest values. */
export function enterprisePower(enterprise: string, index: RegistryIndex, roles: MeterRoles, choice: FactorChoice, latest: LatestValues): EnterprisePower {
  const hour: ActivitySum = emptyActivity();
  let electricityKw = 0;
  let heatKw = 0;
  let steamKw = 0;
  let gasNm3h = 0;
  for (const m of index.metersOf(enterprise)) {
    const v = roles.accounting.has(m.id) ? latest(m.id) : undefined;
    if (v === undefined) continue;
    switch (m.carrier) {
      case 'electricity':
        electricityKw += v['power_kw'] ?? 0;
        break;
      case 'heat':
        heatKw += v['heat_power_kw'] ?? 0;
        break;
      case 'steam': {
        const th = v['steam_flow_th'] ?? 0;
        hour.steamT += th;
        steamKw += th * choice.steamGjPerT * KW_PER_GJ_PER_H;
        break;
      }
      case 'gas':
        gasNm3h += v['gas_flow_nm3h'] ?? 0;
        break;
      case 'oil': {
        const fuel = choice.oilFuelByMeter[m.id] ?? choice.oilFuel;
        hour.oilKg[fuel] = (hour.oilKg[fuel] ?? 0) + (v['oil_flow_kgh'] ?? 0);
        break;
      }
      case 'cooling':
      case 'water':
      case 'pv':
      case 'storage':
      case 'distribution':
      case 'production':
        break;
    }
  }
  // Drawing from the grid is never negative at a consumption meter; a small negative is noise.
  hour.electricityImportKwh = Math.max(0, electricityKw);
  hour.heatGj = Math.max(0, heatKw) / KW_PER_GJ_PER_H;
  hour.naturalGasNm3 = gasNm3h;
  const tco2PerH = carbonTotals(hour, choice).co2Kg / 1000;
  return { electricityKw, heatKw: heatKw + steamKw, gasKw: gasNm3h * gasKwPerNm3h(choice), tco2PerH, steamKw };
}

function sumOf(ids: ReadonlySet<string>, field: string, latest: LatestValues): { sum: number; n: number } {
  let sum = 0;
  let n = 0;
  for (const id of ids) {
    const v = latest(id)?.[field];
    if (v === undefined) continue;
    sum += v;
    n += 1;
  }
  return { sum, n };
}

/**
 * The park's power figures now from the newest values of online meters: load = the
 * enterprises' consumption meters; grid import/export = the main incomers' net power
 * (positive importing); PV, storage (discharge positive) and the CHP's heat from their
 * meters; SoC the mean over storage meters reporting it (their capacities are not in the
 * registry). The carbon rate is the activity of one hour at these rates, through the same
 * `carbonTotals` as today's totals.
 */
export function parkPower(
  index: RegistryIndex,
  roles: MeterRoles,
  choice: FactorChoice,
  latest: LatestValues,
  powerOf: (enterprise: string) => EnterprisePower = (e) => enterprisePower(e, index, roles, choice, latest),
): ParkPower {
  const enterprises = new Map<string, EnterprisePower>();
  let loadKw = 0;
  let steamKw = 0;
  let gasKw = 0;
  let tco2PerH = 0;
  for (const e of index.registry.enterprises) {
    const p = powerOf(e.id);
    enterprises.set(e.id, p);
    loadKw += p.electricityKw;
    steamKw += p.steamKw;
    gasKw += p.gasKw;
    tco2PerH += p.tco2PerH;
  }
  const grid = sumOf(roles.incomers, 'power_kw', latest).sum;
  const soc = sumOf(roles.storage, 'soc_pct', latest);
  return {
    loadKw,
    pvKw: sumOf(roles.pv, 'power_kw', latest).sum,
    storageKw: sumOf(roles.storage, 'power_kw', latest).sum,
    storageSocPct: soc.n > 0 ? soc.sum / soc.n : null,
    gridImportKw: Math.max(0, grid),
    gridExportKw: Math.max(0, -grid),
    chpHeatKw: sumOf(roles.chpHeat, 'heat_power_kw', latest).sum,
    steamKw,
    gasKw,
    tco2PerH,
    enterprises,
  };
}
