// Derived from ../shared/reference/factors-sourced.csv, category coal_eq: standard-coal
// coefficients (折标准煤系数) per GB/T 2589. One line per reference row, columns in its order:
// id, category, item, value, unit, data year, source, grade, grade note, notes.
import type { Factor, FactorSource } from './factor-types.js';
import { row } from './row.js';

const GBT_2589_2020_ANNEX_A: FactorSource = {
  doc: 'GB/T 2589-2020 综合能耗计算通则 附录A',
  issuer: 'SAMR/SAC',
  published: '2020-09-29',
  locator: 'multiple repos citing GB/T 2589-2020',
};
const GBT_2589_ANNEX_A: FactorSource = {
  doc: 'GB/T 2589 附录A',
  issuer: 'SAMR/SAC',
  published: '',
  locator: 'repos citing GB/T 2589 表A.2',
};
const GBT_2589_ONE_REPO: FactorSource = {
  doc: 'GB/T 2589',
  issuer: '',
  published: '',
  locator: 'repo citing GB/T2589-2020',
};
const GBT_2589_REPOS: FactorSource = {
  doc: 'GB/T 2589',
  issuer: '',
  published: '',
  locator: 'repos',
};
const GBT_2589_2008_REUSED: FactorSource = {
  doc: 'GB/T 2589-2008 row (widely reused)',
  issuer: '',
  published: '',
  locator: 'repos',
};
const GBT_2589_2008_ROW: FactorSource = {
  doc: 'GB/T 2589-2008 row',
  issuer: '',
  published: '',
  locator: 'github file id 33273066063',
};
const GBT_2589_2008_REFERENCE: FactorSource = {
  doc: 'GB/T 2589-2008 参考系数',
  issuer: '',
  published: '',
  locator: 'github file id 33273066063',
};

/** Standard-coal coefficients, GB/T 2589 (当量值 basis). */
export const COAL_EQ_FACTORS: readonly Factor[] = [
  row('ce_elec_equiv', 'coal_eq', '电力(当量值)', 0.1229, 'kgce/kWh', null, GBT_2589_2020_ANNEX_A, 'A-', '', '3600 kJ/kWh'),
  row('ce_heat', 'coal_eq', '热力(当量值)', 0.03412, 'kgce/MJ', null, GBT_2589_ANNEX_A, 'A-', '', '=34.12 kgce/GJ'),
  row('ce_raw_coal', 'coal_eq', '原煤(20908 kJ/kg)', 0.7143, 'kgce/kg', null, GBT_2589_ONE_REPO, 'B', '', ''),
  row('ce_coke', 'coal_eq', '焦炭(28435 kJ/kg)', 0.9714, 'kgce/kg', null, GBT_2589_REPOS, 'B', '', ''),
  row('ce_diesel', 'coal_eq', '柴油(42652 kJ/kg)', 1.4571, 'kgce/kg', null, GBT_2589_REPOS, 'B', '', ''),
  row('ce_gasoline', 'coal_eq', '汽油(43070 kJ/kg)', 1.4714, 'kgce/kg', null, GBT_2589_REPOS, 'B', '', ''),
  row('ce_fuel_oil', 'coal_eq', '燃料油(41816 kJ/kg)', 1.4286, 'kgce/kg', null, GBT_2589_REPOS, 'B', '', ''),
  row('ce_lpg', 'coal_eq', '液化石油气(50179 kJ/kg)', 1.7143, 'kgce/kg', null, GBT_2589_REPOS, 'B', '', ''),
  row('ce_ng_gasfield', 'coal_eq', '天然气(气田)', 1.2143, 'kgce/m3', null, GBT_2589_2008_REUSED, 'C', '', '2020 edition row not verified; choose with NCV'),
  row('ce_ng_oilfield', 'coal_eq', '天然气(油田,38931 kJ/m3)', 1.33, 'kgce/m3', null, GBT_2589_2008_ROW, 'C', '', 'matches GB/T32150 NCV 389.31 GJ/1e4m3'),
  row('ce_steam_lp', 'coal_eq', '蒸汽(低压,3763 MJ/t)', 0.1286, 'kgce/kg', null, GBT_2589_2008_REFERENCE, 'C', '', 'prefer metered enthalpy x 0.03412'),
];
