import { composeAlertMessage, formatAlertTemplate } from '@lingtan/schema';
import type { Alert, AlertTextParams, AlertWord, Recommendation } from '@lingtan/schema';
import { en } from '../i18n/en.js';
import type { Resources } from '../i18n/resources.js';
import { zhCN } from '../i18n/zh-CN.js';
import type { ViewLocale } from './format.js';

const RESOURCES: Record<ViewLocale, Resources> = { 'zh-CN': zhCN, en };

/**
 * Parameters that carry a code word rather than a name: a quantity id, `above`, `day`, a
 * weekday, a budget level. In zh-CN they are shown in words; in English the quantity keeps
 * its id, as in the rules service's own text.
 */
function wordsOf(locale: ViewLocale, res: Resources): AlertWord {
  const words: Readonly<Record<string, Readonly<Record<string, string>>>> = res.alertWords;
  const quantities: Readonly<Record<string, string>> = res.quantities;
  return (param, value) => {
    if (param === 'quantity') return locale === 'en' ? undefined : quantities[value];
    return words[param]?.[value];
  };
}

function render(code: string | undefined, params: AlertTextParams | undefined, locale: ViewLocale): string | undefined {
  if (code === undefined || params === undefined) return undefined;
  const res = RESOURCES[locale];
  const templates: Readonly<Record<string, string>> = res.alertMessages;
  const template = templates[code];
  return template === undefined ? undefined : formatAlertTemplate(template, params, locale, wordsOf(locale, res));
}

/**
 * An alert's message in the viewer's language: its code's template with its parameters, or
 * the stored English `message` when the code is missing (an older event) or unknown here
 * (a newer rules service), or a parameter the template needs is absent.
 */
export function alertMessageText(alert: Pick<Alert, 'message' | 'messageCode' | 'messageParams'>, locale: ViewLocale): string {
  const detail = render(alert.messageCode, alert.messageParams, locale);
  return detail === undefined || alert.messageParams === undefined ? alert.message : composeAlertMessage(alert.messageParams, detail, locale === 'en' ? ': ' : '：');
}

/** A recommendation's summary in the viewer's language, with the same fallback to the English `summary`. */
export function recommendationText(r: Pick<Recommendation, 'summary' | 'summaryCode' | 'summaryParams'>, locale: ViewLocale): string {
  return render(r.summaryCode, r.summaryParams, locale) ?? r.summary;
}

/** Which `alerts.*` line tells how a cleared alert was cleared, and by whom (undefined while it is open). */
export function clearedNote(alert: Pick<Alert, 'cleared'>): { readonly key: 'clearedByCondition' | 'clearedBy' | 'clearedSubjectRemoved' | 'clearedRuleDropped'; readonly by: string; readonly atMs: number } | undefined {
  const cleared = alert.cleared;
  if (cleared === undefined) return undefined;
  const { by, atMs } = cleared;
  if (by === 'condition') return { key: 'clearedByCondition', by, atMs };
  if (by === 'system') return { key: cleared.reason === 'rule_dropped' ? 'clearedRuleDropped' : 'clearedSubjectRemoved', by, atMs };
  return { key: 'clearedBy', by, atMs };
}
