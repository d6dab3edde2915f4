import { alertMessageZh, recommendationZh } from '@lingtan/schema';
import type { Alert, Recommendation } from '@lingtan/schema';
import type { ViewLocale } from './format.js';

/**
 * An alert's message in the viewer's language. In English it is the stored `message`, which
 * the rules service rendered from the English template of its code. In zh-CN it is the code's
 * zh-CN template with its parameters (`alertMessageZh`, what the rules service's DingTalk and
 * WeCom messages use too), or the stored `message` when the code is missing (an older event),
 * unknown (a newer rules service) or a parameter is absent.
 */
export function alertMessageText(alert: Pick<Alert, 'message' | 'messageCode' | 'messageParams'>, locale: ViewLocale): string {
  return locale === 'zh-CN' ? alertMessageZh(alert) : alert.message;
}

/** A recommendation's summary in the viewer's language, with the same fallback to the English `summary`. */
export function recommendationText(r: Pick<Recommendation, 'summary' | 'summaryCode' | 'summaryParams'>, locale: ViewLocale): string {
  return locale === 'zh-CN' ? recommendationZh(r) : r.summary;
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
