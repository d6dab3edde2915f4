// Believable live data for the demo park (config/registry.demo.yaml), for developing and
// browser-testing the control view without the gateway. Deterministic per second (a seeded
// wave, not Math.random), so two reloads show the same park.
import type { Alert, AlertEvent, EnterpriseSummary, FlowLink, FlowNode, MeterUpdate, ParkSummary } from '@lingtan/schema';

/** The parts of the registry the fixture uses. */
export interface FixtureRegistry {
  readonly park: { readonly id: string; readonly name: string; readonly timezone: string; readonly province?: string };
  readonly enterprises: readonly { readonly id: string; readonly name: string; readonly industry?: string }[];
  readonly meters: readonly { readonly id: string; readonly name?: string; readonly enterprise: string; readonly carrier: string; readonly role: string; readonly parent: string | null; readonly interval_s: number }[];
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/** A meter's base load in kW: steel and chemicals are big, offices small. */
function baseKw(meterId: string, industry: string | undefined): number {
  const scale = industry === 'steel' ? 6000 : industry?.includes('chemical') === true ? 2500 : industry === 'data_centre' ? 1800 : industry === 'office' ? 150 : 600;
  return scale * (0.5 + hash(meterId));
}

/** Power of meter `id` at `ms`: a daily shape plus a slow wave, so the numbers move every second. */
export function meterPowerKw(reg: FixtureRegistry, id: string, ms: number): number {
  const m = reg.meters.find((x) => x.id === id);
  const ent = reg.enterprises.find((e) => e.id === m?.enterprise);
  const hour = ((ms / 3_600_000 + 8) % 24 + 24) % 24; // Asia/Shanghai
  if (m?.carrier === 'pv') return Math.max(0, Math.sin(((hour - 6) / 12) * Math.PI)) * 900 * (0.8 + 0.2 * hash(id));
  if (m?.carrier === 'storage') return 400 * Math.sin(ms / 600_000);
  const day = 0.75 + 0.25 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
  const wave = 1 + 0.03 * Math.sin(ms / 7_000 + hash(id) * 40) + 0.02 * Math.sin(ms / 1_300 + hash(id) * 9);
  return baseKw(id, ent?.industry) * day * wave;
}

/** The meter's newest values at `ms` (power, and an import register that grows). */
export function meterUpdate(reg: FixtureRegistry, id: string, ms: number): MeterUpdate {
  const m = reg.meters.find((x) => x.id === id);
  const ts = Math.floor(ms / 1000) * 1000;
  const kw = meterPowerKw(reg, id, ts);
  const register = 1_000_000 * hash(id) + (ts / 3_600_000) * baseKw(id, undefined);
  const byCarrier: Record<string, Record<string, number>> = {
    storage: { power_kw: kw, soc_pct: 55 + 30 * Math.cos(ts / 600_000) },
    gas: { gas_flow_nm3h: kw / 10, gas_volume_nm3: register / 10, pressure_mpa: 0.35 },
    steam: { steam_flow_th: kw / 700, steam_mass_t: register / 700, pressure_mpa: 1.05, temp_c: 182 },
    heat: { heat_power_kw: kw, heat_energy_gj: register * 0.0036, supply_temp_c: 85, return_temp_c: 60 },
    cooling: { cooling_power_kw: kw, cooling_energy_gj: register * 0.0036, supply_temp_c: 7, return_temp_c: 12 },
    water: { water_flow_m3h: kw / 50, water_volume_m3: register / 50 },
    oil: { oil_flow_kgh: kw / 12, oil_mass_kg: register / 12 },
    production: { output_units: Math.floor(register / 100), output_value_cny: register * 3 },
    pv: { power_kw: kw, energy_generated_kwh: register },
  };
  const values = byCarrier[m?.carrier ?? ''] ?? { power_kw: kw, energy_import_kwh: register };
  return { meter: id, enterprise: m?.enterprise ?? '', carrier: (m?.carrier ?? 'electricity') as MeterUpdate['carrier'], ts, values };
}

function loadMetersOf(reg: FixtureRegistry, enterprise: string): string[] {
  return reg.meters.filter((m) => m.enterprise === enterprise && m.role === 'main' && (m.carrier === 'electricity' || m.carrier === 'distribution')).map((m) => m.id);
}

/** Hours since the park's midnight (UTC+8). */
function hoursToday(ms: number): number {
  return (((ms / 3_600_000 + 8) % 24) + 24) % 24;
}

const CODES: EnterpriseSummary['greenCode']['colour'][] = ['green', 'green', 'yellow', 'green', 'red', 'green', 'grey'];
function budgetOf(usedPct: number): EnterpriseSummary['budget'] {
  return { level: usedPct >= 100 ? 'red' : usedPct >= 90 ? 'orange' : usedPct >= 80 ? 'yellow' : 'green', usedPct };
}

/** One enterprise's live summary at `ms`. `offline` meters hold back its last reading time. */
export function enterpriseSummary(reg: FixtureRegistry, enterprise: string, ms: number, activeAlerts: number, frozenMs: number | null): EnterpriseSummary {
  const e = reg.enterprises.find((x) => x.id === enterprise);
  const at = frozenMs ?? ms;
  const loadKw = loadMetersOf(reg, enterprise).reduce((s, id) => s + meterPowerKw(reg, id, at), 0);
  const todayKwh = loadKw * hoursToday(at) * 0.92;
  const todayTce = todayKwh * 0.0001229; // GB/T 2589-2020: 0.1229 kgce/kWh (equivalent value)
  const i = Math.floor(hash(enterprise) * 7);
  const meters = reg.meters.filter((m) => m.enterprise === enterprise);
  const code = CODES[i] ?? 'green';
  return {
    enterprise,
    name: e?.name ?? enterprise,
    industry: e?.industry,
    loadKw,
    todayKwh,
    todayTce,
    todayTco2: todayKwh * 0.000581, // 0.5810 tCO2/MWh, the national grid average factor (2022)
    intensityTcePer10kCny: e?.industry === 'office' ? null : 0.05 + hash(`${enterprise}i`) * 0.6,
    greenSharePct: 5 + hash(`${enterprise}g`) * 40,
    budget: budgetOf(30 + hash(`${enterprise}b`) * 80),
    greenCode: { colour: code, reasons: code === 'green' ? ['绿电占比 ≥ 30%', '能耗强度低于行业基准'] : code === 'red' ? ['能耗强度高于行业基准 20%', '本月预算已超'] : code === 'yellow' ? ['绿电占比 < 30%'] : ['产值数据缺失'] },
    activeAlerts,
    metersOnline: frozenMs === null ? meters.length : 0,
    metersTotal: meters.length,
    lastReadingMs: Math.floor(at / 1000) * 1000,
  };
}

/** The park summary at `ms` from its enterprises; alerts are the open ones the fixture holds. */
export function parkSummary(reg: FixtureRegistry, ms: number, alerts: Iterable<Alert>, deadLettersToday: number, frozenMs: number | null): ParkSummary {
  const open = [...alerts].filter((a) => a.state !== 'cleared');
  const perEnt = (id: string): number => open.filter((a) => a.owner.id === id).length;
  const enterprises = reg.enterprises.map((e) => enterpriseSummary(reg, e.id, ms, perEnt(e.id), frozenMs));
  const at = frozenMs ?? ms;
  const pvKw = reg.meters.filter((m) => m.carrier === 'pv').reduce((s, m) => s + meterPowerKw(reg, m.id, at), 0);
  const storageKw = reg.meters.filter((m) => m.carrier === 'storage').reduce((s, m) => s + meterPowerKw(reg, m.id, at), 0);
  const loadKw = enterprises.reduce((s, e) => s + e.loadKw, 0);
  const net = loadKw - pvKw - storageKw;
  const chpHeatKw = 1800 + 120 * Math.sin(at / 20_000);
  const nodes: FlowNode[] = [
    { id: 'src:grid', name: '电网', kind: 'source' },
    { id: 'src:pv', name: '光伏', kind: 'source' },
    { id: 'src:storage', name: '储能', kind: 'source' },
    { id: 'src:gas', name: '天然气', kind: 'source' },
    { id: 'car:electricity', name: '电力', kind: 'carrier' },
    { id: 'car:heat', name: '热力/蒸汽', kind: 'carrier' },
    ...[...enterprises].sort((a, b) => b.loadKw - a.loadKw).slice(0, 8).map((e) => ({ id: `ent:${e.enterprise}`, name: e.name, kind: 'enterprise' as const })),
    { id: 'ent:others', name: '其他企业', kind: 'enterprise' },
  ];
  const top = new Set(nodes.filter((n) => n.kind === 'enterprise').map((n) => n.id));
  const links: FlowLink[] = [
    { source: 'src:grid', target: 'car:electricity', valueKw: Math.max(0, net) },
    { source: 'src:pv', target: 'car:electricity', valueKw: pvKw },
    { source: 'src:storage', target: 'car:electricity', valueKw: Math.max(0, storageKw) },
    { source: 'src:gas', target: 'car:heat', valueKw: chpHeatKw },
  ];
  let others = 0;
  for (const e of enterprises) {
    if (top.has(`ent:${e.enterprise}`)) links.push({ source: 'car:electricity', target: `ent:${e.enterprise}`, valueKw: e.loadKw });
    else others += e.loadKw;
  }
  links.push({ source: 'car:electricity', target: 'ent:others', valueKw: others });
  links.push({ source: 'car:heat', target: `ent:${enterprises.find((e) => e.industry === 'chemical_continuous')?.enterprise ?? 'others'}`, valueKw: chpHeatKw * 0.7 });
  links.push({ source: 'car:heat', target: 'ent:others', valueKw: chpHeatKw * 0.3 });
  const todayTce = enterprises.reduce((s, e) => s + e.todayTce, 0);
  const todayTco2 = enterprises.reduce((s, e) => s + e.todayTco2, 0);
  const counts = { critical: 0, major: 0, minor: 0, warning: 0, info: 0 };
  for (const a of open) counts[a.severity] += 1;
  const metersTotal = reg.meters.length;
  return {
    park: reg.park.id,
    name: reg.park.name,
    atMs: ms,
    timezone: reg.park.timezone,
    factorSet: 'cn-national@2024.1',
    power: { loadKw, pvKw, storageKw, storageSocPct: 55 + 30 * Math.cos(at / 600_000), gridImportKw: Math.max(0, net), gridExportKw: Math.max(0, -net), chpHeatKw },
    greenShare: { nowPct: loadKw > 0 ? ((pvKw + Math.max(0, storageKw)) / loadKw) * 100 : null, todayPct: 11.8 },
    carbon: { rateTco2PerH: (Math.max(0, net) * 0.581) / 1000 + chpHeatKw * 0.0002, todayTco2, budgetTco2: todayTco2 * 1.35 + 50, level: 'yellow' },
    energy: { todayTce, budgetTce: todayTce * 1.2 + 20, level: 'green' },
    zeroCarbon: { tco2PerTce: todayTce > 0 ? todayTco2 / todayTce : null, thresholdTco2PerTce: 0.2, status: 'missed', provisional: true },
    alerts: counts,
    flows: { nodes, links },
    enterprises,
    quality: { metersTotal, metersOnline: frozenMs === null ? metersTotal - 2 : 0, metersOffline: frozenMs === null ? 2 : metersTotal, deadLettersToday },
    lastReadingMs: Math.floor(at / 1000) * 1000,
  };
}

let alertSeq = 0;

/** A new alert on one of the enterprise's meters, as the rules service would raise it. */
export function raiseAlert(reg: FixtureRegistry, enterprise: string, severity: Alert['severity'], message: string, ms: number): AlertEvent {
  alertSeq += 1;
  const meter = reg.meters.find((m) => m.enterprise === enterprise)?.id ?? 'unknown';
  const alertId = `fx-${ms}-${alertSeq}`;
  return {
    v: 1, eventId: `${alertId}:1`, type: 'raised', atMs: ms, alertId, key: `load-high:${meter}`, ruleId: 'load-high', kind: 'threshold', severity, park: reg.park.id,
    owner: { scope: 'enterprise', id: enterprise }, meter, state: 'active', firstSeenMs: ms, lastSeenMs: ms, occurrence: 1, count: 1, message, value: 1234.5,
  };
}
