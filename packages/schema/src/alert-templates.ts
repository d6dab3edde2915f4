/**
 * Alert texts as a code and parameters, so a viewer can read them in its own language. The
 * rules service renders `message` (and a recommendation's `summary`) from these English
 * templates with `formatAlertText`, so the English text and the code can never disagree;
 * the zh-CN templates (alert-templates-zh.ts), for the control view and the rules service's
 * robot messages, fall back to `message` for a code they do not know (an older view, or an
 * event stored before codes existed).
 *
 * Template syntax: `{name}` is a parameter (numbers grouped and rounded for the locale);
 * `[...]` is an optional part, shown only when every parameter inside it is present and not
 * `false` (no nesting). Parameters whose values are registry words (a quantity, `above`) are
 * passed through a `word` function, so a view can translate them.
 */
export const ALERT_TEXT_TEMPLATES_EN = {
  'threshold.held': '{quantity} {value} {op} {limit} for {heldS} s',
  'offline.silent': 'no reading for {silentS} s (limit {limitS} s)',
  'offline.still_silent': 'still no reading after {parent} came back',
  'counter_mark.marks': '{marks}',
  'max_demand.forecast_over': '15-min demand forecast {forecastKw} kW against limit {limitKw} kW (warning at {warnKw} kW), window closes in {leftS} s',
  'max_demand.cut': 'cut {cutKw} kW for the rest of the window: [discharge {storageName} ({storage}) by {dischargeKw} kW][ (SoC {socPct}%)][reduce {loads}][; then reduce {thenLoads}][{none}no storage or flexible load available][; {uncoveredKw} kW still uncovered]',
  'max_demand.cut_now': 'the window is closing: cut load now',
  'budget.level': '{level}: {period} {label} used {actual} of {budget} {unit} ({progressPct}%) with {elapsedPct}% of the period gone; forecast {forecast} {unit} ({forecastPct}%)',
  'budget.largest_users': 'largest users this {period}: {users}',
  'anomaly.deviation': '{quantity} quarter-hour mean {value} against its usual {median} for {weekday} {hour} (allowed ±{limit}, {samples} past quarters)',
  'anomaly.review': 'find what runs outside its usual pattern on this meter (equipment left on, a leak, a changed schedule)',
  'completeness.low': '{received} of {expected} expected readings ({ratioPct}%) in the last {windowMin} min, below {minPct}%',
  'completeness.check_link': "check the meter's link and gateway: readings are missing, so totals and budgets built on them are understated",
  'green_share.low': 'green electricity {sharePct}% of {totalKwh} kWh this {period} ({label}), below {minPct}%',
  'green_share.shift_load': 'move flexible load into PV hours and charge storage from PV[; {topName} ({top}) draws most from the grid ({topPct}%)]',
  'storage_soc.low': 'state of charge {socPct}% below {limitPct}% for {heldS} s',
  'storage_soc.high': 'state of charge {socPct}% above {limitPct}% for {heldS} s',
  'storage_soc.stop_discharging': 'stop discharging {name} ({meter}) until it is back above {untilPct}%',
  'storage_soc.stop_charging': 'stop charging {name} ({meter}); export or use the surplus instead',
  'stuck.unchanged': '{quantity} unchanged at {value} for {count} readings',
  'stuck.check_meter': 'check the meter and its transducer or gateway: {quantity} has not moved',
  'zero_carbon.near': '{value} tCO2/tce this {period} ({label}) is {ratioPct}% of the zero-carbon threshold {threshold} tCO2/tce',
  'zero_carbon.past': '{value} tCO2/tce this {period} ({label}) is {ratioPct}% of the zero-carbon threshold {threshold} tCO2/tce: past it',
  'zero_carbon.largest_emitters': 'largest emitters: {emitters}; replace their fossil or grid supply with green power or certificates',
} as const;

/** The codes the rules service sets today. */
export type AlertTextCode = keyof typeof ALERT_TEXT_TEMPLATES_EN;

/** Longest string parameter; longer ones are cut by `alertText` (a registry name is far shorter). */
export const ALERT_PARAM_MAX_CHARS = 300;
/** Most parameters one text may carry. */
export const ALERT_PARAMS_MAX = 20;

/** A text's parameters (parsed by `alertTextParamsSchema` at the edges). */
export type AlertTextParams = Readonly<Record<string, string | number | boolean>>;

/** A code with its parameters, as the rules service builds it before rendering. */
export interface AlertText {
  readonly code: AlertTextCode;
  readonly params: AlertTextParams;
}

/**
 * Builds an `AlertText`, leaving out undefined parameters and cutting long strings to
 * `ALERT_PARAM_MAX_CHARS`, so every event the rules service makes passes `alertEventSchema`.
 */
export function alertText(code: AlertTextCode, params: Readonly<Record<string, string | number | boolean | undefined>>): AlertText {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' && v.length > ALERT_PARAM_MAX_CHARS ? `${v.slice(0, ALERT_PARAM_MAX_CHARS - 1)}…` : v;
  }
  return { code, params: out };
}

/** Translates a registry word parameter (`quantity`, `op`, ...) or returns undefined to keep it. */
export type AlertWord = (param: string, value: string) => string | undefined;

const numberFormats = new Map<string, Intl.NumberFormat>();

function formatNumber(value: number, locale: string): string {
  let f = numberFormats.get(locale);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    numberFormats.set(locale, f);
  }
  return f.format(value);
}

function renderPart(part: string, params: AlertTextParams, locale: string, word: AlertWord | undefined, optional: boolean): string | undefined {
  let missing = false;
  const text = part.replace(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined || (optional && v === false)) {
      missing = true;
      return '';
    }
    if (typeof v === 'number') return formatNumber(v, locale);
    if (typeof v === 'boolean') return optional ? '' : String(v);
    return word?.(name, v) ?? v;
  });
  return missing ? undefined : text;
}

/**
 * Renders a template with its parameters for `locale` (a BCP 47 tag). Returns undefined when
 * a required parameter is missing, so the caller can fall back to the stored English text.
 */
export function formatAlertTemplate(template: string, params: AlertTextParams, locale: string, word?: AlertWord): string | undefined {
  let out = '';
  for (const m of template.matchAll(/\[([^\]]*)\]|[^[]+/g)) {
    const optional = m[1] !== undefined;
    const part = renderPart(optional ? m[1]! : m[0], params, locale, word, optional);
    if (part === undefined) {
      if (!optional) return undefined;
      continue;
    }
    out += part;
  }
  return out;
}

/** The English text of a code the rules service sets (what goes into `message` / `summary`). */
export function formatAlertTextEn(text: AlertText): string {
  // Every code the service sets has its template and parameters; a missing one is a bug in
  // the caller, shown rather than hidden.
  return formatAlertTemplate(ALERT_TEXT_TEMPLATES_EN[text.code], text.params, 'en-US') ?? `${text.code} ${JSON.stringify(text.params)}`;
}

/**
 * A whole alert message: `{rule}: {subject}: {detail}` when the parameters name the rule and
 * the subject (every message the rules service makes), else the detail alone; a view may
 * pass its language's separator (zh-CN `：`). The names are put in as they are, never read
 * as a template (a name may hold `{` or `[`).
 */
export function composeAlertMessage(params: AlertTextParams, detail: string, separator = ': '): string {
  const { rule, subject } = params;
  return typeof rule === 'string' && typeof subject === 'string' ? `${rule}${separator}${subject}${separator}${detail}` : detail;
}

/**
 * The message fields of an alert: the English `message` and the code and parameters it was
 * rendered from. `rule` and `subject` join the detail's parameters, so a view rebuilds the
 * whole message in its language.
 */
export function alertMessageOf(rule: string, subject: string, detail: AlertText): { message: string; messageCode: string; messageParams: AlertTextParams } {
  const text = alertText(detail.code, { ...detail.params, rule, subject });
  return { message: composeAlertMessage(text.params, formatAlertTextEn(text)), messageCode: text.code, messageParams: text.params };
}

/** A recommendation's summary fields: the English `summary` and its code and parameters. */
export function alertSummaryOf(text: AlertText): { summary: string; summaryCode: string; summaryParams: AlertTextParams } {
  return { summary: formatAlertTextEn(text), summaryCode: text.code, summaryParams: text.params };
}
