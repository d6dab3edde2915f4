import type { ParkSizeClass } from '@lingtan/schema';
import type { ConfidenceGrade, FactorSource } from '../factors/factor-types.js';
import { nonNegative } from '../checks.js';

/** One size class of the core indicator 单位能耗碳排放: annual tce in [minTce, maxTce), and its ceiling. */
export interface CarbonPerEnergyThreshold {
  readonly sizeClass: ParkSizeClass;
  readonly minTce: number;
  /** Exclusive; null for the open-ended top class. */
  readonly maxTce: number | null;
  /** tCO2 per tce at most; null where the notice sets no value for the class. */
  readonly maxTco2PerTce: number | null;
}

/** A versioned threshold table with its source and confidence grade (same grades as factors). */
export interface ZeroCarbonThresholdTable {
  readonly version: string;
  readonly source: FactorSource;
  readonly carbonPerEnergy: readonly CarbonPerEnergyThreshold[];
  readonly carbonPerEnergyConfidence: ConfidenceGrade;
  /** 清洁能源消费占比 at least, 0-1 (guiding indicator). */
  readonly cleanEnergyShareMin: number;
  readonly cleanEnergyShareConfidence: ConfidenceGrade;
  readonly notes: string;
}

/** Version of `ZERO_CARBON_THRESHOLDS`; bump it when a value, class or grade changes. */
export const ZERO_CARBON_THRESHOLDS_VERSION = 'ndrc-zero-carbon-park@2025.1';

/**
 * NDRC/MIIT/NEA 关于开展零碳园区建设的通知 (发改环资〔2025〕910号), 附件3 指标体系: core
 * indicator 单位能耗碳排放 <= 0.2 tCO2/tce for parks of 200,000-1,000,000 tce a year and
 * <= 0.3 for larger ones; guiding indicator 清洁能源消费占比 >= 90 %. Not in
 * shared/reference/factors-sourced.csv; read from news reports of the notice (A-) and,
 * for the 90 %, from third-party summaries (B). Check 附件3 before a verified report.
 */
export const ZERO_CARBON_THRESHOLDS: ZeroCarbonThresholdTable = Object.freeze({
  version: ZERO_CARBON_THRESHOLDS_VERSION,
  source: {
    doc: '关于开展零碳园区建设的通知(发改环资〔2025〕910号) 附件3 国家级零碳园区建设指标体系',
    issuer: 'NDRC+MIIT+NEA',
    published: '2025-06',
    locator: 'secondary: People\'s Daily 2025-08-26 (reportify.ai 1157971269203922944), tm-ep.cn news; provincial forwarding notices (Guizhou, Ningxia 2025-07)',
  },
  carbonPerEnergy: Object.freeze([
    { sizeClass: 'under_200k_tce', minTce: 0, maxTce: 200_000, maxTco2PerTce: null },
    { sizeClass: '200k_to_1m_tce', minTce: 200_000, maxTce: 1_000_000, maxTco2PerTce: 0.2 },
    { sizeClass: 'over_1m_tce', minTce: 1_000_000, maxTce: null, maxTco2PerTce: 0.3 },
  ] as const),
  carbonPerEnergyConfidence: 'A-',
  cleanEnergyShareMin: 0.9,
  cleanEnergyShareConfidence: 'B',
  notes: 'the notice states classes 20-100万 tce and 100万 tce 以上; a park of exactly 1,000,000 tce is put in the upper class here. Below 200,000 tce the notice sets no core-indicator value.',
});

/** The size class of a park consuming `tce` a year. */
export function sizeClassOf(tce: number, table: ZeroCarbonThresholdTable = ZERO_CARBON_THRESHOLDS): CarbonPerEnergyThreshold {
  nonNegative(tce, 'annual tce');
  const row = table.carbonPerEnergy.find((r) => tce >= r.minTce && (r.maxTce === null || tce < r.maxTce));
  if (row === undefined) throw new RangeError(`threshold table ${table.version} has no size class for ${tce} tce`);
  return row;
}

/** The threshold row of a configured size class. */
export function thresholdOfClass(sizeClass: ParkSizeClass, table: ZeroCarbonThresholdTable = ZERO_CARBON_THRESHOLDS): CarbonPerEnergyThreshold {
  const row = table.carbonPerEnergy.find((r) => r.sizeClass === sizeClass);
  if (row === undefined) throw new RangeError(`threshold table ${table.version} has no size class ${sizeClass}`);
  return row;
}
