import { periodOf, periodsBetween, zonedToUtcMs } from '@lingtan/domain';
import type { CarbonTotals, FactorChoice, Period, RegistryIndex } from '@lingtan/domain';
import { perMeterTotals, periodTotals, tonnes, zeroTotals } from '../query/accounting.js';
import type { DailyReader, Scope } from '../query/accounting.js';
import { factorSetName } from '../query/factor-set-name.js';

/** Columns of the daily and breakdown tables, with units in the names. */
export const FIGURE_COLUMNS = ['electricity_kwh', 'heat_gj', 'steam_t', 'natural_gas_nm3', 'oil_kg', 'energy_tce', 'co2_scope1_t', 'co2_scope2_location_t', 'co2_total_t'] as const;

export type Row = readonly (string | number)[];

/** A monthly energy and carbon report, independent of its file format. */
export interface MonthlyReport {
  readonly fileStem: string;
  /** Key-value lines: park, scope, month, time zone, factor set and choices. */
  readonly meta: readonly (readonly [string, string])[];
  readonly daily: { readonly header: Row; readonly rows: readonly Row[]; readonly total: Row };
  readonly breakdown: { readonly title: string; readonly header: Row; readonly rows: readonly Row[] };
}

function figures(t: CarbonTotals): number[] {
  const a = t.activity;
  const oilKg = Object.values(a.oilKg).reduce((s, v) => s + (v ?? 0), 0);
  return [a.electricityImportKwh, a.heatGj, a.steamT, a.naturalGasNm3, oilKg, t.tce, tonnes(t.scope1Co2Kg), tonnes(t.scope2LocationCo2Kg), tonnes(t.co2Kg)];
}

/** The local month `YYYY-MM` of `timeZone`. */
export function monthPeriod(month: string, timeZone: string): Period {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return periodOf('month', zonedToUtcMs({ year, month: m, day: 15, hour: 12, minute: 0, second: 0 }, timeZone), timeZone);
}

/**
 * Build the report: one row per local day of the month and a total (accounting meters: no
 * sub-meter counted twice), then the park's enterprises or the enterprise's meters (each meter
 * as measured, sub-meters included). Figures from daily rollups and the park's factor choice.
 */
export async function buildMonthlyReport(deps: { daily: DailyReader; registry: RegistryIndex; choice: FactorChoice; nowMs: number }, scope: Extract<Scope, { kind: 'park' | 'enterprise' }>, month: string): Promise<MonthlyReport> {
  const { registry, choice } = deps;
  const park = registry.registry.park;
  const period = monthPeriod(month, park.timezone);
  const days = periodsBetween('day', period.startMs, period.endMs, park.timezone);
  const points = await deps.daily(scope, period.startMs, period.endMs);
  const daily = periodTotals(points, days, registry, choice);
  const pick = (t: (typeof daily)[number]) => (scope.kind === 'park' ? t.park : (t.enterprises[scope.id] ?? zeroTotals(choice)));
  const monthTotal = periodTotals(points, [period], registry, choice)[0]!;
  const enterprise = scope.kind === 'enterprise' ? registry.enterprise(scope.id) : undefined;
  const meta: [string, string][] = [
    ['report', 'monthly energy and carbon report / 月度能耗与碳排放报告'],
    ['park', `${park.id} ${park.name}`],
    ['scope', scope.kind === 'park' ? 'park (all enterprises)' : `enterprise ${scope.id} ${enterprise?.name ?? ''}`.trim()],
    ['month', period.label],
    ['time_zone', park.timezone],
    ['factor_set', factorSetName()],
    ['coal_equivalent_basis', choice.coalEq.basis === 'primary' ? '等价值 (primary)' : '当量值 (calorific, GB/T 2589-2020)'],
    ['grid_factor', `${choice.scope2.gridRegion} ${choice.scope2.gridYear} (scope 2 location-based)`],
    ['generated_at', new Date(deps.nowMs).toISOString()],
  ];
  const breakdown =
    scope.kind === 'park'
      ? {
          title: 'by enterprise',
          header: ['enterprise', 'name', ...FIGURE_COLUMNS],
          rows: registry.registry.enterprises.map((e) => [e.id, e.name, ...figures(monthTotal.enterprises[e.id] ?? zeroTotals(choice))]),
        }
      : (() => {
          const byMeter = perMeterTotals(points, choice);
          return {
            title: 'by meter (as measured; sub-meters are inside their parent)',
            header: ['meter', 'name', 'role', ...FIGURE_COLUMNS],
            rows: registry.metersOf(scope.id).flatMap((m) => {
              const t = byMeter.get(m.id);
              return t === undefined ? [] : [[m.id, m.name ?? '', m.role, ...figures(t)]];
            }),
          };
        })();
  return {
    fileStem: `lingtan-${scope.kind === 'park' ? park.id : scope.id}-${period.label}`,
    meta,
    daily: {
      header: ['date', ...FIGURE_COLUMNS],
      rows: daily.map((t) => [t.period.label, ...figures(pick(t))]),
      total: ['total', ...figures(scope.kind === 'park' ? monthTotal.park : (monthTotal.enterprises[scope.id] ?? zeroTotals(choice)))],
    },
    breakdown,
  };
}
