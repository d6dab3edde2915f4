import { ALERT_TEXT_TEMPLATES_ZH, ALERT_WORDS_ZH, QUANTITY_NAMES_ZH } from '@lingtan/schema';

/** 简体中文 labels (the default). Keys are shared with en.ts, whose type checks they match. */
export const zhCN = {
  app: { title: '零碳 · 园区驾驶舱', brand: '零碳', subtitle: '园区能碳驾驶舱' },
  nav: { overview: '园区总览', enterprises: '企业排名', myEnterprise: '本企业', alerts: '告警中心', history: '历史数据', quality: '数据质量' },
  header: { language: 'English', languageTitle: '切换语言', logout: '退出登录', parkTime: '园区时间', factorSet: '排放因子集' },
  conn: { connected: '实时连接', reconnecting: '正在重连', offline: '连接中断' },
  connBanner: {
    reconnecting: '实时连接中断，正在重连… 画面停留在 {{time}}（{{age}}）的数据，恢复后自动刷新',
    offline: '实时连接中断，仍在重试… 画面停留在 {{time}}（{{age}}）的数据，不代表当前状态',
  },
  roles: { park_operator: '园区运营', enterprise_user: '企业用户', engineer: '工程师', admin: '管理员' },
  login: { title: '登录园区驾驶舱', username: '用户名', password: '密码', submit: '登录', busy: '正在登录…', failed: '登录失败' },
  common: {
    stale: '数据过期', staleTitle: '最近数据时间 {{time}}，已超过 {{age}}', loading: '加载中…', none: '暂无数据', error: '出错了', retry: '重试',
    updated: '更新于 {{time}}', all: '全部', search: '搜索', today: '今日', yesterday: '昨日', budget: '预算', of: '占预算',
    ago_s: '{{count}} 秒前', ago_min: '{{count}} 分钟前', ago_h: '{{count}} 小时前', ago_d: '{{count}} 天前',
  },
  levels: { green: '正常', yellow: '关注', orange: '预警', red: '超限', grey: '数据不足' },
  greenCode: { title: '零碳绿码', green: '绿码', yellow: '黄码', red: '红码', grey: '未评定', reasons: '评定依据' },
  severity: { critical: '紧急', major: '重要', minor: '次要', warning: '警告', info: '提示' },
  alertState: { active: '未处理', acknowledged: '已确认', cleared: '已恢复', open: '未关闭' },
  // Alert texts by code (packages/schema alert-messages.ts): `{param}`, `[optional part]`.
  alertMessages: ALERT_TEXT_TEMPLATES_ZH,
  /** Words that alert parameters carry as codes, by parameter name. */
  alertWords: ALERT_WORDS_ZH,
  recommendation: '建议',
  overview: {
    flowNodes: { 'source:grid': '电网', 'source:pv': '光伏', 'source:storage': '储能', 'source:chp': '热电联产', 'source:steam': '外购蒸汽', 'source:gas': '天然气', 'carrier:electricity': '电', 'carrier:heat': '热', 'carrier:gas': '气' },
    load: '园区负荷', pv: '光伏发电', storage: '储能功率', soc: '储能 SoC', charging: '充电', discharging: '放电', idle: '静置',
    gridImport: '电网购电', gridExport: '上网电量', chpHeat: '热电联产供热', greenNow: '当前绿电占比', greenToday: '今日绿电占比',
    carbonRate: '碳排放速率', todayEnergy: '今日综合能耗', todayCarbon: '今日碳排放', zeroCarbon: '零碳园区指标', threshold: '阈值',
    provisional: '暂定', provisionalTitle: '部分排放因子低于 A 级，结果为暂定值',
    zc: { met: '达标', near: '接近阈值', missed: '未达标', unknown: '待评估' },
    activeAlerts: '活动告警', flows: '园区能流图', otherEnterprises: '其他企业', loadCurve: '园区实时负荷', enterprises: '企业', meters: '计量点在线',
  },
  ranking: {
    title: '企业能耗与碳排放排名', filter: '按名称、编号或行业筛选', withAlerts: '仅看有告警', rank: '排名', name: '企业', load: '实时负荷',
    energy: '今日电量', tce: '今日能耗', carbon: '今日碳排', intensity: '能耗强度', greenShare: '绿电占比', budget: '预算状态', greenCode: '零碳绿码', alerts: '告警', count: '共 {{count}} 家',
  },
  enterprise: {
    meters: '计量点', meter: '计量点', carrier: '能源介质', role: '类型', latest: '最新值', time: '时间', loadCurve: '负荷曲线（今日 / 昨日）',
    budgetProgress: '能耗预算进度', used: '已用', costByPeriod: '分时电费', cost: '电费', noCost: '该汇总未含电费', alerts: '本企业告警', online: '在线',
    offline: '离线', todayLine: '今日', yesterdayLine: '昨日',
  },
  periods: { sharp: '尖峰', peak: '峰', flat: '平', valley: '谷', deep_valley: '深谷' },
  alerts: {
    title: '告警中心', live: '实时告警', history: '历史告警', severity: '级别', enterprise: '企业', state: '状态', meter: '计量点', message: '内容', firstSeen: '首次发生',
    lastSeen: '最近发生', count: '次数', actions: '操作', acknowledge: '确认', clear: '清除', comment: '处理意见（可选）', confirm: '提交确认', cancel: '取消',
    sent: '已提交，等待规则服务回执', ackedBy: '{{by}} 于 {{time}} 确认', clearedByCondition: '{{time}} 自动恢复', clearedBy: '{{by}} 于 {{time}} 清除', clearedSubjectRemoved: '系统于 {{time}} 清除：计量点或企业已从园区档案中删除', clearedRuleDropped: '系统于 {{time}} 清除：规则引用的计量点或企业已不存在', empty: '当前没有符合条件的告警', newAlert: '新告警',
  },
  history: {
    title: '历史数据查询', source: '数据来源', byEnterprise: '按企业', byMeters: '按计量点', quantity: '物理量', range: '时间范围', from: '开始', to: '结束',
    resolution: '时间粒度', query: '查询', exportCsv: '导出 CSV', reports: '月度报表', reportCsv: 'CSV', reportXlsx: 'Excel', chartLine: '折线', chartBar: '柱状',
    res: { raw: '原始', '1m': '1 分钟', '15m': '15 分钟', '1h': '1 小时', '1d': '1 天', '1mo': '1 月' }, pickMeters: '选择计量点', time: '时间', month: '月份',
  },
  simulation: {
    title: '工程调试', controls: '运行控制', mode: '运行状态', modes: { run: '场景运行中', replay: '回放中', paused: '已暂停' },
    speed: '倍速', deviceTime: '设备时钟', published: '已发布报文', age: '模拟器状态更新于 {{age}}', noStatus: '尚未收到模拟器状态：模拟器未以 --control 运行，或其状态尚未送达网关',
    pause: '暂停', resume: '继续', setSpeed: '设定倍速',
    faults: '故障注入', noFaults: '当前没有人工注入的故障', meter: '计量点', fault: '故障类型', duration: '持续（设备时间）', until: '结束于（设备时间）', by: '操作人',
    inject: '注入故障', clear: '清除', clearAll: '清除全部故障',
    faultKinds: { outage: '离线', dropout: '丢数', stuck: '数值卡死', spike: '尖峰', register_reset: '表码清零', meter_replacement: '换表', clock_skew: '时钟偏移', duplicate: '重复上报', out_of_order: '乱序上报', malformed: '报文损坏', oversized: '超长报文', unknown_meter: '未登记计量点' },
    replay: '数据回放', recording: '录制文件', startReplay: '开始回放', stopReplay: '停止回放', noRecordings: '录制目录中没有文件',
    lastCommand: '最近指令', ok: '已执行', refused: '被拒绝', sent: '已发送，等待模拟器确认…', unanswered: '模拟器 10 秒内未应答：它可能未以 --control 运行',
    kinds: { pause: '暂停', resume: '继续', set_speed: '设定倍速', inject_fault: '注入故障', clear_faults: '清除故障', start_replay: '开始回放', stop_replay: '停止回放' },
    refusals: { unknown_meter: '未知计量点', no_such_recording: '录制文件不存在', bad_recording: '录制文件无法读取', not_replaying: '当前没有回放', faults_need_scenario: '故障只能注入运行中的场景', invalid_command: '指令无效' },
  },
  quality: { title: '数据质量', offline: '离线计量点', completeness: '各企业数据完整率', deadLetters: '今日死信', byCode: '按原因', lastReading: '最近数据', allOnline: '全部计量点在线' },
  noAccess: { title: '无权访问', body: '您的账号无权查看该页面。', back: '返回本企业' },
  notFound: { title: '页面不存在', back: '返回首页' },
  units: { intensity: 'tce/万元' },
  carriers: {
    electricity: '电力', heat: '热力', cooling: '冷量', steam: '蒸汽', gas: '天然气', oil: '燃油', water: '水', pv: '光伏', storage: '储能', distribution: '配电', production: '产量',
  },
  meterRoles: { main: '总表', sub: '分表', generation: '发电', storage: '储能', equipment: '设备' },
  quantities: QUANTITY_NAMES_ZH,
  baseline: {
    loadCurve: '负荷曲线（今日 / 昨日 / 基线）', line: '基线', band: '基线 p10–p90', needsData: '基线需要至少 2 周同一工作日的数据，目前数据不足，暂无基线',
    method: '基线：前 {{weeks}} 周同一工作日的中位数（带 p10–p90 区间）', partial: '{{count}} 个时段数据不足 2 周，未画基线',
  },
  budget: {
    title: '预算进度与预测', year: '本年', month: '本月', energy: '能耗', carbon: '碳排放', actual: '实际累计', plan: '计划累计', forecast: '预测', budget: '预算',
    used: '已用', planned: '计划进度', forecastEnd: '期末预测', notSet: '未设定预算', notSetBody: '登记册中未设定该主体的年度预算，仅显示实际用量。',
    completeness: '数据完整度', plan_pro_rata: '月度预算按天数比例分摊年度预算',
  },
  registryAdmin: {
    title: '园区档案', nav: '园区档案', revision: '版本 {{revision}}', reload: '重新加载', readOnly: '登记册只读，不能修改：{{reason}}',
    enterprises: '企业', meters: '计量表', id: '编号', name: '名称', industry: '行业', budgetTce: '年度能耗预算 (tce)', budgetTco2: '年度碳排放预算 (tCO₂)',
    enterprise: '所属企业', carrier: '介质', role: '类型', parent: '上级表', noParent: '（无上级：总表）', interval: '采集周期 (秒)', replacements: '换表记录',
    addEnterprise: '新增企业', editEnterprise: '编辑企业 {{id}}', addMeter: '新增计量表', editMeter: '编辑计量表 {{id}}', replaceMeter: '换表登记：{{id}}',
    edit: '编辑', delete: '删除', replace: '换表', save: '保存', cancel: '取消', confirmDelete: '确认删除 {{id}}？', yesDelete: '确认删除', filter: '按企业筛选',
    at: '换表时间（含时区）', final: '旧表止码', initial: '新表起码', registersHint: '读数格式：量=值，多个用逗号分隔，例如 energy_import_kwh=1150',
    immutable: '计量表登记后，介质和所属企业不可更改：如需更改，请删除旧表并以新编号登记。',
    saved: '已保存并生效（版本 {{revision}}），各服务将自动读取新登记册。', changedMeanwhile: '登记册在此期间已被他人修改，已重新加载最新版本：请核对后再次提交。',
  },
} as const;
