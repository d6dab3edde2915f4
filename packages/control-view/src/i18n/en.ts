import { ALERT_TEXT_TEMPLATES_EN } from '@lingtan/schema';
import type { Resources } from './resources.js';

/** English labels; the type makes a missing or extra key a compile error. */
export const en: Resources = {
  app: { title: 'Lingtan · Park Control View', brand: 'Lingtan', subtitle: 'Park energy & carbon cockpit' },
  nav: { overview: 'Park overview', enterprises: 'Enterprises', myEnterprise: 'My enterprise', alerts: 'Alerts', history: 'History', quality: 'Data quality' },
  header: { language: '中文', languageTitle: 'Switch language', logout: 'Sign out', parkTime: 'Park time', factorSet: 'Factor set' },
  conn: { connected: 'Live', reconnecting: 'Reconnecting', offline: 'Offline' },
  roles: { park_operator: 'Park operator', enterprise_user: 'Enterprise user', engineer: 'Engineer', admin: 'Administrator' },
  login: { title: 'Sign in to the park control view', username: 'Username', password: 'Password', submit: 'Sign in', busy: 'Signing in…', failed: 'Sign-in failed' },
  common: {
    stale: 'stale', staleTitle: 'Last data at {{time}}, more than {{age}}', loading: 'Loading…', none: 'No data', error: 'Something went wrong', retry: 'Retry',
    updated: 'Updated {{time}}', all: 'All', search: 'Search', today: 'Today', yesterday: 'Yesterday', budget: 'Budget', of: 'of budget',
    ago_s: '{{count}} s ago', ago_min: '{{count}} min ago', ago_h: '{{count}} h ago', ago_d: '{{count}} d ago',
  },
  levels: { green: 'Normal', yellow: 'Watch', orange: 'Warning', red: 'Over', grey: 'Not enough data' },
  greenCode: { title: 'Zero-carbon code', green: 'Green', yellow: 'Yellow', red: 'Red', grey: 'Not rated', reasons: 'Reasons' },
  severity: { critical: 'Critical', major: 'Major', minor: 'Minor', warning: 'Warning', info: 'Info' },
  alertState: { active: 'Active', acknowledged: 'Acknowledged', cleared: 'Cleared', open: 'Open' },
  // The same English templates the rules service renders `message` from.
  alertMessages: ALERT_TEXT_TEMPLATES_EN,
  alertWords: {
    op: { above: 'above', below: 'below' },
    period: { day: 'day', month: 'month', year: 'year' },
    weekday: { Sun: 'Sun', Mon: 'Mon', Tue: 'Tue', Wed: 'Wed', Thu: 'Thu', Fri: 'Fri', Sat: 'Sat' },
    level: { green: 'green', yellow: 'yellow', orange: 'orange', red: 'red', grey: 'grey' },
  },
  recommendation: 'Recommendation',
  overview: {
    flowNodes: { 'source:grid': 'Grid', 'source:pv': 'PV', 'source:storage': 'Storage', 'source:chp': 'CHP', 'source:steam': 'Bought steam', 'source:gas': 'Natural gas', 'carrier:electricity': 'Electricity', 'carrier:heat': 'Heat', 'carrier:gas': 'Gas' },
    load: 'Park load', pv: 'PV generation', storage: 'Storage power', soc: 'Storage SoC', charging: 'charging', discharging: 'discharging', idle: 'idle',
    gridImport: 'Grid import', gridExport: 'Grid export', chpHeat: 'CHP heat', greenNow: 'Green share now', greenToday: 'Green share today',
    carbonRate: 'Carbon rate', todayEnergy: 'Energy today', todayCarbon: 'CO₂ today', zeroCarbon: 'Zero-carbon park', threshold: 'threshold',
    provisional: 'provisional', provisionalTitle: 'Some emission factors are below grade A; the figure is provisional',
    zc: { met: 'Met', near: 'Near threshold', missed: 'Missed', unknown: 'Not assessed' },
    activeAlerts: 'Active alerts', flows: 'Park energy flows', otherEnterprises: 'Other enterprises', loadCurve: 'Park load, live', enterprises: 'Enterprises', meters: 'Meters online',
  },
  ranking: {
    title: 'Enterprise energy and carbon ranking', filter: 'Filter by name, id or industry', withAlerts: 'With alerts only', rank: '#', name: 'Enterprise', load: 'Load',
    energy: 'Electricity today', tce: 'Energy today', carbon: 'CO₂ today', intensity: 'Intensity', greenShare: 'Green share', budget: 'Budget', greenCode: 'Zero-carbon code', alerts: 'Alerts', count: '{{count}} enterprises',
  },
  enterprise: {
    meters: 'Meters', meter: 'Meter', carrier: 'Carrier', role: 'Role', latest: 'Latest', time: 'Time', loadCurve: 'Load curve (today / yesterday)',
    budgetProgress: 'Energy budget progress', used: 'used', costByPeriod: 'Cost by tariff period', cost: 'Cost', noCost: 'This summary has no cost', alerts: 'Its alerts', online: 'online',
    offline: 'offline', todayLine: 'Today', yesterdayLine: 'Yesterday',
  },
  periods: { sharp: 'Critical peak', peak: 'Peak', flat: 'Flat', valley: 'Valley', deep_valley: 'Deep valley' },
  alerts: {
    title: 'Alerts', live: 'Live feed', history: 'History', severity: 'Severity', enterprise: 'Enterprise', state: 'State', meter: 'Meter', message: 'Message', firstSeen: 'First seen',
    lastSeen: 'Last seen', count: 'Count', actions: 'Actions', acknowledge: 'Acknowledge', clear: 'Clear', comment: 'Comment (optional)', confirm: 'Confirm', cancel: 'Cancel',
    sent: 'Sent; waiting for the rules service', ackedBy: 'Acknowledged by {{by}} at {{time}}', empty: 'No alerts match', newAlert: 'New alert',
  },
  history: {
    title: 'History explorer', source: 'Source', byEnterprise: 'Enterprise', byMeters: 'Meters', quantity: 'Quantity', range: 'Range', from: 'From', to: 'To',
    resolution: 'Resolution', query: 'Query', exportCsv: 'Export CSV', reports: 'Monthly report', reportCsv: 'CSV', reportXlsx: 'Excel', chartLine: 'Line', chartBar: 'Bars',
    res: { raw: 'Raw', '1m': '1 min', '15m': '15 min', '1h': '1 hour', '1d': '1 day', '1mo': '1 month' }, pickMeters: 'Pick meters', time: 'Time', month: 'Month',
  },
  simulation: {
    title: 'Simulation', controls: 'Run control', mode: 'Mode', modes: { run: 'Scenario running', replay: 'Replaying', paused: 'Paused' },
    speed: 'Speed', deviceTime: 'Device clock', published: 'Messages published', age: 'Simulator status from {{age}}', noStatus: 'No simulator status yet: the simulator is not running with --control, or its status has not reached the gateway',
    pause: 'Pause', resume: 'Resume', setSpeed: 'Set speed',
    faults: 'Fault injection', noFaults: 'No faults injected by hand', meter: 'Meter', fault: 'Fault', duration: 'Lasts (device time)', until: 'Ends (device time)', by: 'By',
    inject: 'Inject fault', clear: 'Clear', clearAll: 'Clear all faults',
    faultKinds: { outage: 'Offline', dropout: 'Dropped readings', stuck: 'Stuck value', spike: 'Spike', register_reset: 'Register reset', meter_replacement: 'Meter replaced', clock_skew: 'Clock skew', duplicate: 'Duplicates', out_of_order: 'Out of order', malformed: 'Malformed payload', oversized: 'Oversized payload', unknown_meter: 'Unregistered meter' },
    replay: 'Replay', recording: 'Recording', startReplay: 'Start replay', stopReplay: 'Stop replay', noRecordings: 'No files in the recordings directory',
    lastCommand: 'Last command', ok: 'Done', refused: 'Refused', sent: 'Sent, waiting for the simulator…',
    kinds: { pause: 'Pause', resume: 'Resume', set_speed: 'Set speed', inject_fault: 'Inject fault', clear_faults: 'Clear faults', start_replay: 'Start replay', stop_replay: 'Stop replay' },
    refusals: { unknown_meter: 'Unknown meter', no_such_recording: 'No such recording', bad_recording: 'Recording cannot be read', not_replaying: 'No replay is playing', faults_need_scenario: 'Faults need a running scenario', invalid_command: 'Invalid command' },
  },
  quality: { title: 'Data quality', offline: 'Meters offline', completeness: 'Completeness per enterprise', deadLetters: 'Dead letters today', byCode: 'By reason', lastReading: 'Last reading', allOnline: 'All meters online' },
  noAccess: { title: 'No access', body: 'Your account may not open this page.', back: 'Back to my enterprise' },
  notFound: { title: 'Page not found', back: 'Back to the start' },
  units: { intensity: 'tce/10k CNY' },
  carriers: {
    electricity: 'Electricity', heat: 'Heat', cooling: 'Cooling', steam: 'Steam', gas: 'Natural gas', oil: 'Oil', water: 'Water', pv: 'PV', storage: 'Storage', distribution: 'Distribution', production: 'Production',
  },
  meterRoles: { main: 'Main', sub: 'Sub-meter', generation: 'Generation', storage: 'Storage', equipment: 'Equipment' },
  quantities: {
    power_kw: 'Active power', energy_import_kwh: 'Import energy', energy_export_kwh: 'Export energy', reactive_power_kvar: 'Reactive power', voltage_v: 'Voltage', current_a: 'Current',
    power_factor: 'Power factor', heat_power_kw: 'Heat power', heat_energy_gj: 'Heat energy', cooling_power_kw: 'Cooling power', cooling_energy_gj: 'Cooling energy', supply_temp_c: 'Supply temp.',
    return_temp_c: 'Return temp.', flow_m3h: 'Flow', steam_flow_th: 'Steam flow', steam_mass_t: 'Steam mass', pressure_mpa: 'Pressure', temp_c: 'Temperature', gas_flow_nm3h: 'Gas flow',
    gas_volume_nm3: 'Gas volume', oil_flow_kgh: 'Oil flow', oil_mass_kg: 'Oil mass', water_flow_m3h: 'Water flow', water_volume_m3: 'Water volume', energy_generated_kwh: 'Generated energy',
    irradiance_wm2: 'Irradiance', soc_pct: 'SoC', energy_charged_kwh: 'Charged energy', energy_discharged_kwh: 'Discharged energy', load_rate_pct: 'Load rate', oil_temp_c: 'Oil temp.',
    output_units: 'Output', output_value_cny: 'Output value',
  },
  baseline: {
    loadCurve: 'Load curve (today / yesterday / baseline)', line: 'Baseline', band: 'Baseline p10–p90', needsData: 'The baseline needs at least 2 weeks of data for the same weekday; there is not enough yet',
    method: 'Baseline: median of the same weekday over the previous {{weeks}} weeks (p10–p90 band)', partial: '{{count}} slots have less than 2 weeks of data and no baseline',
  },
  budget: {
    title: 'Budget progress and forecast', year: 'This year', month: 'This month', energy: 'Energy', carbon: 'Carbon', actual: 'Actual, cumulative', plan: 'Plan, cumulative', forecast: 'Forecast', budget: 'Budget',
    used: 'used', planned: 'plan to date', forecastEnd: 'forecast at period end', notSet: 'No budget set', notSetBody: 'The registry sets no annual budget here; only the actual use is shown.',
    completeness: 'Data completeness', plan_pro_rata: "A month's budget is its days' share of the annual budget",
  },
};
