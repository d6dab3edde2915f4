import type { AlertTextCode, AlertTextParams, AlertWord } from './alert-templates.js';
import { composeAlertMessage, formatAlertTemplate } from './alert-templates.js';
import type { QuantityName } from './quantities.js';

/**
 * Alert texts in 简体中文 by code (see alert-templates.ts for the English and the template
 * syntax: `{param}`, `[optional part]`). One copy for everyone who writes to people: the
 * control view's zh-CN resources and the rules service's DingTalk and WeCom messages.
 */
export const ALERT_TEXT_TEMPLATES_ZH = {
    'threshold.held': '{quantity} {value}，{op} {limit}，已持续 {heldS} 秒',
    'offline.silent': '已 {silentS} 秒无数据（限值 {limitS} 秒）',
    'offline.still_silent': '上级 {parent} 恢复后仍无数据',
    'counter_mark.marks': '计数器标记：{marks}',
    'max_demand.forecast_over': '15 分钟需量预测 {forecastKw} kW，限值 {limitKw} kW（预警值 {warnKw} kW），本窗口还剩 {leftS} 秒',
    'max_demand.cut': '本窗口剩余时间需削减 {cutKw} kW：[{storageName}（{storage}）放电 {dischargeKw} kW][（SoC {socPct}%）][削减负荷 {loads}][；再削减负荷 {thenLoads}][{none}无可用储能或可调负荷][；仍有 {uncoveredKw} kW 缺口]',
    'max_demand.cut_now': '需量窗口即将结束：请立即削减负荷',
    'budget.level': '{level}：{period}预算（{label}）已用 {actual} / {budget} {unit}（{progressPct}%），时间进度 {elapsedPct}%；预计 {forecast} {unit}（{forecastPct}%）',
    'budget.largest_users': '本{period}用量最大：{users}',
    'anomaly.deviation': '{quantity} 15 分钟均值 {value}，{weekday} {hour} 常态为 {median}（允许 ±{limit}，基于 {samples} 个历史时段）',
    'anomaly.review': '排查该计量点偏离常态的原因（设备未关、泄漏、作息变化）',
    'completeness.low': '最近 {windowMin} 分钟收到 {received} / {expected} 条数据（{ratioPct}%），低于 {minPct}%',
    'completeness.check_link': '检查计量点的通信链路和网关：数据缺失会使基于它的总量和预算偏低',
    'green_share.low': '本{period}（{label}）绿电占比 {sharePct}%（总用电 {totalKwh} kWh），低于 {minPct}%',
    'green_share.shift_load': '将可调负荷移至光伏时段，并用光伏为储能充电[；{topName}（{top}）从电网取电最多（{topPct}%）]',
    'storage_soc.low': '荷电状态 {socPct}%，低于 {limitPct}% 已 {heldS} 秒',
    'storage_soc.high': '荷电状态 {socPct}%，高于 {limitPct}% 已 {heldS} 秒',
    'storage_soc.stop_discharging': '停止 {name}（{meter}）放电，直至回升到 {untilPct}% 以上',
    'storage_soc.stop_charging': '停止 {name}（{meter}）充电；余电上网或就地消纳',
    'stuck.unchanged': '{quantity} 连续 {count} 个读数停在 {value}',
    'stuck.check_meter': '检查计量点及其传感器或网关：{quantity} 没有变化',
    'zero_carbon.near': '本{period}（{label}）碳排放强度 {value} tCO2/tce，为零碳阈值 {threshold} tCO2/tce 的 {ratioPct}%',
    'zero_carbon.past': '本{period}（{label}）碳排放强度 {value} tCO2/tce，为零碳阈值 {threshold} tCO2/tce 的 {ratioPct}%，已超过',
    'zero_carbon.largest_emitters': '排放最大：{emitters}；以绿电或绿证替代其化石能源或电网供应',
} as const satisfies Record<AlertTextCode, string>;

/** Words that alert parameters carry as codes, by parameter name. */
export const ALERT_WORDS_ZH = {
    op: { above: '高于', below: '低于' },
    period: { day: '日', month: '月', year: '年' },
    weekday: { Sun: '周日', Mon: '周一', Tue: '周二', Wed: '周三', Thu: '周四', Fri: '周五', Sat: '周六' },
    level: { green: '正常', yellow: '关注', orange: '预警', red: '超限', grey: '数据不足' },
} as const;

/** Quantity names in 简体中文. */
export const QUANTITY_NAMES_ZH = {
    power_kw: '有功功率', energy_import_kwh: '正向有功电量', energy_export_kwh: '反向有功电量', reactive_power_kvar: '无功功率', voltage_v: '电压', current_a: '电流',
    power_factor: '功率因数', heat_power_kw: '热功率', heat_energy_gj: '热量', cooling_power_kw: '冷功率', cooling_energy_gj: '冷量', supply_temp_c: '供水温度',
    return_temp_c: '回水温度', flow_m3h: '流量', steam_flow_th: '蒸汽流量', steam_mass_t: '蒸汽累计', pressure_mpa: '压力', temp_c: '温度', gas_flow_nm3h: '燃气流量',
    gas_volume_nm3: '燃气累计', oil_flow_kgh: '燃油流量', oil_mass_kg: '燃油累计', water_flow_m3h: '水流量', water_volume_m3: '用水量', energy_generated_kwh: '发电量',
    irradiance_wm2: '辐照度', soc_pct: 'SoC', energy_charged_kwh: '充电量', energy_discharged_kwh: '放电量', load_rate_pct: '负载率', oil_temp_c: '油温',
    output_units: '产量', output_value_cny: '产值',
} as const satisfies Record<QuantityName, string>;

/** A parameter's code word in 简体中文: a quantity's name, `above`, `day`, a weekday, a level. */
export const alertWordZh: AlertWord = (param, value) => {
  if (param === 'quantity') return (QUANTITY_NAMES_ZH as Readonly<Record<string, string>>)[value];
  return (ALERT_WORDS_ZH as Readonly<Record<string, Readonly<Record<string, string>>>>)[param]?.[value];
};

function renderZh(code: string | undefined, params: AlertTextParams | undefined): string | undefined {
  if (code === undefined || params === undefined) return undefined;
  const template = (ALERT_TEXT_TEMPLATES_ZH as Readonly<Record<string, string>>)[code];
  return template === undefined ? undefined : formatAlertTemplate(template, params, 'zh-CN', alertWordZh);
}

/**
 * An alert's message in 简体中文 (rule：subject：detail), or its stored English `message`
 * when the code is missing (an older event), unknown, or a parameter is absent.
 */
export function alertMessageZh(alert: { readonly message: string; readonly messageCode?: string | undefined; readonly messageParams?: AlertTextParams | undefined }): string {
  const detail = renderZh(alert.messageCode, alert.messageParams);
  return detail === undefined || alert.messageParams === undefined ? alert.message : composeAlertMessage(alert.messageParams, detail, '：');
}

/** A recommendation's summary in 简体中文, with the same fallback to the English `summary`. */
export function recommendationZh(r: { readonly summary: string; readonly summaryCode?: string | undefined; readonly summaryParams?: AlertTextParams | undefined }): string {
  return renderZh(r.summaryCode, r.summaryParams) ?? r.summary;
}
