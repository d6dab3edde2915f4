// Derived from ../shared/reference/factors-sourced.csv: every CO2 row except the MEE/NBS
// average grid factors (grid-factors.ts). Columns in the reference file's order: id,
// category, item, value, unit, data year, source, grade, grade note, notes[, fuel params].
// Fuel grades: the reference grades liquids and gas B and coals C; coke is graded C here
// (it is not a liquid or gas, so the B does not reach it).
import type { Factor, FactorSource } from './factor-types.js';
import { row } from './row.js';

const MEE_NBS_2022: FactorSource = {
  doc: '关于发布2022年电力二氧化碳排放因子的公告(公告2024年第33号)',
  issuer: 'MEE+NBS',
  published: '2024-12-20',
  locator: 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202412/t20241226_1099413.html ; transcribed: vquill/registration-anchored-adjudication p2u/ref_result.json & tingfengy2000-creator/nengzhihe operation_planning/data/carbon/emission_factors.json',
};
const MEE_NBS_2023_RESIDUAL: FactorSource = {
  doc: '关于发布2023年电力二氧化碳排放因子的公告(公告2025年第47号)',
  issuer: 'MEE+NBS',
  published: '2025-12-31',
  locator: 'nengzhihe emission_factors.json; China Electric Power News via reportify.ai (2026-01-15)',
};
const MEE_NBS_2023_FOSSIL: FactorSource = {
  doc: '关于发布2023年电力二氧化碳排放因子的公告(公告2025年第47号)',
  issuer: 'MEE+NBS',
  published: '2025-12-31',
  locator: 'nengzhihe emission_factors.json; reportify.ai (China Electric Power News)',
};
const MEE_ETS_NOTICE_2023: FactorSource = {
  doc: '关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知',
  issuer: 'MEE',
  published: '2023-02',
  locator: 'tanpaifang.com/tanguwen/2023/0215/94510.html',
};
const PCF_2023: FactorSource = {
  doc: '2023年电力碳足迹因子数据公告',
  issuer: 'MEE+NBS+NEA',
  published: '2025-01',
  locator: 'krq515.cn/carbon/tanguanli/7358.html (上海气候周); github file id 71560378780',
};
const PCF_2024: FactorSource = {
  doc: '关于发布2024年电力碳足迹因子数据的公告',
  issuer: 'MEE+NBS+NEA',
  published: '2025-10-23',
  locator: 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202510/t20251024_1130734.html (cited in several repos)',
};
const NDRC_GUIDELINES: FactorSource = {
  doc: 'NDRC 24-industry guidelines (e.g. 公共建筑运营单位核算指南)',
  issuer: 'NDRC',
  published: '2015',
  locator: 'github file id 28468522964 (guideline text)',
};
const GBT_32150_2015: FactorSource = {
  doc: 'GB/T 32150-2015 附录A defaults (as transcribed); EF=NCV*CC*OF*44/12 computed',
  issuer: 'SAMR/SAC',
  published: '2015',
  locator: 'github file id 45271108479 (seeder); natural gas params also in file id \'GB/T 32151\' python snippet',
};

/** The residual, fossil, carbon-market and footprint grid factors are national figures. */
function national(factor: Factor): Factor {
  return { ...factor, region: '全国', level: 'national' };
}

/** Residual, fossil, carbon-market, footprint, heat and fuel factors. */
export const EMISSION_FACTORS: readonly Factor[] = [
  national(row('grid_excl_market_nonfossil_2022', 'electricity_co2_residual', '全国电力平均CO2排放因子(不包括市场化交易的非化石能源电量)', 0.5856, 'kgCO2/kWh', 2022, MEE_NBS_2022, 'B', '', 'residual-mix-like; usage rule disputed (see report)')),
  national(row('grid_fossil_2022', 'electricity_co2_fossil', '全国化石能源电力CO2排放因子', 0.8325, 'kgCO2/kWh', 2022, MEE_NBS_2022, 'B', '', '')),
  national(row('grid_excl_market_nonfossil_2023', 'electricity_co2_residual', '全国电力平均CO2排放因子(不包括市场化交易的非化石能源电量)', 0.6096, 'kgCO2/kWh', 2023, MEE_NBS_2023_RESIDUAL, 'A-', '', '')),
  national(row('grid_fossil_2023', 'electricity_co2_fossil', '全国化石能源电力CO2排放因子', 0.8273, 'kgCO2/kWh', 2023, MEE_NBS_2023_FOSSIL, 'A-', '', '')),
  national(row('ets_grid_2022', 'electricity_co2_ets', '2022年度全国电网平均排放因子(碳市场发电行业报告用)', 0.5703, 'tCO2/MWh', 2022, MEE_ETS_NOTICE_2023, 'B', '', 'different product from MEE+NBS 0.5366 for same year')),
  national(row('pcf_elec_2023', 'electricity_cfp', '全国电力平均碳足迹因子(生命周期)', 0.6205, 'kgCO2e/kWh', 2023, PCF_2023, 'B', '', 'PCF only; never for Scope 2')),
  national(row('pcf_elec_2024', 'electricity_cfp', '全国电力平均碳足迹因子(生命周期)', 0.5777, 'kgCO2e/kWh', 2024, PCF_2024, 'B', '', 'PCF only')),
  row('heat_default', 'heat_co2', '外购热力(蒸汽/热水)排放因子', 0.11, 'tCO2/GJ', null, NDRC_GUIDELINES, 'B', '', '\'现可采用0.11tCO2/GJ\''),
  row('fuel_natural_gas', 'fuel_co2', '天然气: NCV=389.31 GJ/10^4Nm3; CC=0.0153 tC/GJ; OF=0.99', 21.6219, 'tCO2/10^4Nm3', null, GBT_32150_2015, 'B', 'B (liquids/gas); C (coals: other repos show different NCVs)', 'use measured NCV/CC where available', { ncvGj: 389.31, perUnit: '10^4Nm3', carbonTcPerGj: 0.0153, oxidationRate: 0.99 }),
  row('fuel_diesel', 'fuel_co2', '柴油: NCV=42.652 GJ/t; CC=0.0202 tC/GJ; OF=0.98', 3.0959, 'tCO2/t', null, GBT_32150_2015, 'B', 'B (liquids/gas); C (coals: other repos show different NCVs)', 'use measured NCV/CC where available', { ncvGj: 42.652, perUnit: 't', carbonTcPerGj: 0.0202, oxidationRate: 0.98 }),
  row('fuel_gasoline', 'fuel_co2', '汽油: NCV=43.07 GJ/t; CC=0.0189 tC/GJ; OF=0.98', 2.9251, 'tCO2/t', null, GBT_32150_2015, 'B', 'B (liquids/gas); C (coals: other repos show different NCVs)', 'use measured NCV/CC where available', { ncvGj: 43.07, perUnit: 't', carbonTcPerGj: 0.0189, oxidationRate: 0.98 }),
  row('fuel_fuel_oil', 'fuel_co2', '燃料油: NCV=41.816 GJ/t; CC=0.0211 tC/GJ; OF=0.98', 3.1705, 'tCO2/t', null, GBT_32150_2015, 'B', 'B (liquids/gas); C (coals: other repos show different NCVs)', 'use measured NCV/CC where available', { ncvGj: 41.816, perUnit: 't', carbonTcPerGj: 0.0211, oxidationRate: 0.98 }),
  row('fuel_lpg', 'fuel_co2', '液化石油气: NCV=50.179 GJ/t; CC=0.0172 tC/GJ; OF=0.98', 3.1013, 'tCO2/t', null, GBT_32150_2015, 'B', 'B (liquids/gas); C (coals: other repos show different NCVs)', 'use measured NCV/CC where available', { ncvGj: 50.179, perUnit: 't', carbonTcPerGj: 0.0172, oxidationRate: 0.98 }),
  row('fuel_coke', 'fuel_co2', '焦炭: NCV=28.435 GJ/t; CC=0.0295 tC/GJ; OF=0.93', 2.8604, 'tCO2/t', null, GBT_32150_2015, 'C', 'B (liquids/gas); C (coals: other repos show different NCVs)', 'use measured NCV/CC where available', { ncvGj: 28.435, perUnit: 't', carbonTcPerGj: 0.0295, oxidationRate: 0.93 }),
  row('fuel_anthracite', 'fuel_co2', '无烟煤: NCV=26.7 GJ/t; CC=0.0274 tC/GJ; OF=0.94', 2.5215, 'tCO2/t', null, GBT_32150_2015, 'C', 'B (liquids/gas); C (coals: other repos show different NCVs)', 'use measured NCV/CC where available', { ncvGj: 26.7, perUnit: 't', carbonTcPerGj: 0.0274, oxidationRate: 0.94 }),
  row('fuel_bituminous', 'fuel_co2', '烟煤: NCV=19.57 GJ/t; CC=0.0261 tC/GJ; OF=0.93', 1.7417, 'tCO2/t', null, GBT_32150_2015, 'C', 'B (liquids/gas); C (coals: other repos show different NCVs)', 'use measured NCV/CC where available', { ncvGj: 19.57, perUnit: 't', carbonTcPerGj: 0.0261, oxidationRate: 0.93 }),
  row('fuel_lignite', 'fuel_co2', '褐煤: NCV=11.9 GJ/t; CC=0.028 tC/GJ; OF=0.96', 1.1729, 'tCO2/t', null, GBT_32150_2015, 'C', 'B (liquids/gas); C (coals: other repos show different NCVs)', 'use measured NCV/CC where available', { ncvGj: 11.9, perUnit: 't', carbonTcPerGj: 0.028, oxidationRate: 0.96 }),
];
