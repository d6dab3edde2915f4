// Derived from ../shared/reference/factors-sourced.csv (rows grid_avg_<year>_<region>),
// category electricity_co2_location: the MEE/NBS average CO2 emission factor of grid
// electricity (电力平均二氧化碳排放因子), CO2 only, location-based, kgCO2/kWh = tCO2/MWh.
// One line per reference row; the row id is rebuilt as grid_avg_<year>_<region>.
import type { Factor, FactorSource, GridLevel, WithheldFactor } from './factor-types.js';

const SOURCES: Readonly<Record<number, FactorSource>> = {
  2021: {
    doc: '关于发布2021年电力二氧化碳排放因子的公告(公告2024年第12号)',
    issuer: 'MEE+NBS',
    published: '2024-04-12',
    locator:
      'transcribed: github vquill/registration-anchored-adjudication p2u/ref_result.json',
  },
  2022: {
    doc: '关于发布2022年电力二氧化碳排放因子的公告(公告2024年第33号)',
    issuer: 'MEE+NBS',
    published: '2024-12-20',
    locator:
      'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202412/t20241226_1099413.html ; transcribed: vquill/registration-anchored-adjudication p2u/ref_result.json & tingfengy2000-creator/nengzhihe operation_planning/data/carbon/emission_factors.json',
  },
  2023: {
    doc: '关于发布2023年电力二氧化碳排放因子的公告(公告2025年第47号)',
    issuer: 'MEE+NBS',
    published: '2025-12-31',
    locator:
      'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202512/W020251231726284332528.pdf ; transcribed: tingfengy2000-creator/nengzhihe emission_factors.json (national+provinces+南方), Zhaohh0706/Carbon-Footprint-LCA data/mee_2023_grid_factors.csv (regions)',
  },
};

function g(year: number, region: string, level: GridLevel, value: number): Factor {
  const source = SOURCES[year];
  if (source === undefined) throw new Error(`grid factor table: no source for ${year}`);
  const scope = level === 'national' ? '(national)' : level === 'regional' ? '(regional)' : '(provincial)';
  return {
    id: `grid_avg_${year}_${region}`,
    category: 'electricity_co2_location',
    item: `${region} 电力平均二氧化碳排放因子 ${scope}`,
    value,
    unit: 'kgCO2/kWh (=tCO2/MWh)',
    dataYear: year,
    region,
    level,
    source,
    confidence: 'B',
    confidenceNote: 'B (third-party transcription of official table; verify vs PDF)',
    notes: 'CO2 only; location-based; use factor of the reporting/data year',
  };
}

/** MEE/NBS average grid CO2 factors, 2021-2023, national, regional-grid and provincial. */
export const GRID_AVERAGE_FACTORS: readonly Factor[] = [
  // 2021
  g(2021, '全国', 'national', 0.5568),
  g(2021, '华北', 'regional', 0.712),
  g(2021, '东北', 'regional', 0.6012),
  g(2021, '华东', 'regional', 0.5992),
  g(2021, '华中', 'regional', 0.5354),
  g(2021, '西北', 'regional', 0.5951),
  g(2021, '南方', 'regional', 0.4326),
  g(2021, '西南', 'regional', 0.2113),
  g(2021, '北京', 'provincial', 0.5688),
  g(2021, '天津', 'provincial', 0.7355),
  g(2021, '河北', 'provincial', 0.7901),
  g(2021, '山西', 'provincial', 0.7222),
  g(2021, '内蒙古', 'provincial', 0.7025),
  g(2021, '辽宁', 'provincial', 0.5876),
  g(2021, '吉林', 'provincial', 0.5629),
  g(2021, '黑龙江', 'provincial', 0.6342),
  g(2021, '上海', 'provincial', 0.5834),
  g(2021, '江苏', 'provincial', 0.6451),
  g(2021, '浙江', 'provincial', 0.5422),
  g(2021, '安徽', 'provincial', 0.7075),
  g(2021, '福建', 'provincial', 0.4711),
  g(2021, '江西', 'provincial', 0.5835),
  g(2021, '山东', 'provincial', 0.6838),
  g(2021, '河南', 'provincial', 0.6369),
  g(2021, '湖北', 'provincial', 0.3672),
  g(2021, '湖南', 'provincial', 0.5138),
  g(2021, '广东', 'provincial', 0.4715),
  g(2021, '广西', 'provincial', 0.5154),
  g(2021, '海南', 'provincial', 0.4524),
  g(2021, '重庆', 'provincial', 0.4743),
  g(2021, '四川', 'provincial', 0.1255),
  g(2021, '贵州', 'provincial', 0.5182),
  g(2021, '云南', 'provincial', 0.1235),
  g(2021, '陕西', 'provincial', 0.6336),
  g(2021, '甘肃', 'provincial', 0.4955),
  g(2021, '青海', 'provincial', 0.1326),
  g(2021, '宁夏', 'provincial', 0.6546),
  g(2021, '新疆', 'provincial', 0.6577),

  // 2022
  g(2022, '全国', 'national', 0.5366),
  g(2022, '华北', 'regional', 0.6776),
  g(2022, '东北', 'regional', 0.5564),
  g(2022, '华东', 'regional', 0.5617),
  g(2022, '华中', 'regional', 0.5395),
  g(2022, '西北', 'regional', 0.5857),
  g(2022, '南方', 'regional', 0.3869),
  g(2022, '西南', 'regional', 0.2268),
  g(2022, '北京', 'provincial', 0.558),
  g(2022, '天津', 'provincial', 0.7041),
  g(2022, '河北', 'provincial', 0.7252),
  g(2022, '山西', 'provincial', 0.7096),
  g(2022, '内蒙古', 'provincial', 0.6849),
  g(2022, '辽宁', 'provincial', 0.5626),
  g(2022, '吉林', 'provincial', 0.4932),
  g(2022, '黑龙江', 'provincial', 0.5368),
  g(2022, '上海', 'provincial', 0.5849),
  g(2022, '江苏', 'provincial', 0.5978),
  g(2022, '浙江', 'provincial', 0.5153),
  g(2022, '安徽', 'provincial', 0.6782),
  g(2022, '福建', 'provincial', 0.4092),
  g(2022, '江西', 'provincial', 0.5752),
  g(2022, '山东', 'provincial', 0.641),
  g(2022, '河南', 'provincial', 0.6058),
  g(2022, '湖北', 'provincial', 0.4364),
  g(2022, '湖南', 'provincial', 0.49),
  g(2022, '广东', 'provincial', 0.4403),
  g(2022, '广西', 'provincial', 0.4044),
  g(2022, '海南', 'provincial', 0.4184),
  g(2022, '重庆', 'provincial', 0.5227),
  g(2022, '四川', 'provincial', 0.1404),
  g(2022, '贵州', 'provincial', 0.4989),
  g(2022, '云南', 'provincial', 0.1073),
  g(2022, '陕西', 'provincial', 0.6558),
  g(2022, '甘肃', 'provincial', 0.4772),
  g(2022, '青海', 'provincial', 0.1567),
  g(2022, '宁夏', 'provincial', 0.6423),
  g(2022, '新疆', 'provincial', 0.6231),

  // 2023
  g(2023, '全国', 'national', 0.5306),
  g(2023, '华北', 'regional', 0.6361),
  g(2023, '东北', 'regional', 0.5122),
  g(2023, '华东', 'regional', 0.55),
  g(2023, '华中', 'regional', 0.5271),
  g(2023, '西北', 'regional', 0.5543),
  g(2023, '南方', 'regional', 0.4042),
  // grid_avg_2023_西南: withheld, the reference row has no value (see WITHHELD_FACTORS)
  g(2023, '北京', 'provincial', 0.5554),
  g(2023, '天津', 'provincial', 0.6796),
  g(2023, '河北', 'provincial', 0.6516),
  g(2023, '山西', 'provincial', 0.6634),
  g(2023, '内蒙古', 'provincial', 0.6479),
  g(2023, '辽宁', 'provincial', 0.4878),
  g(2023, '吉林', 'provincial', 0.4671),
  g(2023, '黑龙江', 'provincial', 0.5229),
  g(2023, '上海', 'provincial', 0.5737),
  g(2023, '江苏', 'provincial', 0.5827),
  g(2023, '浙江', 'provincial', 0.4974),
  g(2023, '安徽', 'provincial', 0.6553),
  g(2023, '福建', 'provincial', 0.4211),
  g(2023, '江西', 'provincial', 0.5836),
  g(2023, '山东', 'provincial', 0.6191),
  g(2023, '河南', 'provincial', 0.5897),
  g(2023, '湖北', 'provincial', 0.4044),
  g(2023, '湖南', 'provincial', 0.4976),
  g(2023, '广东', 'provincial', 0.4419),
  g(2023, '广西', 'provincial', 0.4476),
  g(2023, '海南', 'provincial', 0.3648),
  g(2023, '重庆', 'provincial', 0.5581),
  g(2023, '四川', 'provincial', 0.1564),
  g(2023, '贵州', 'provincial', 0.5683),
  g(2023, '云南', 'provincial', 0.1333),
  g(2023, '陕西', 'provincial', 0.6335),
  g(2023, '甘肃', 'provincial', 0.4471),
  g(2023, '青海', 'provincial', 0.1796),
  g(2023, '宁夏', 'provincial', 0.6187),
  g(2023, '新疆', 'provincial', 0.6021),
];

/** Grid rows of the reference file that the data set leaves out. */
export const WITHHELD_GRID_FACTORS: readonly WithheldFactor[] = [
  { id: 'grid_avg_2023_西南', reason: 'the reference row has no value (not transcribed); read it from the MEE PDF before use' },
];
