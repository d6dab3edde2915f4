import { alertMessageOf, alertSummaryOf, alertText } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { alertMessageText, clearedNote, recommendationText } from './alert-text.js';

describe('alert messages in the viewer language', () => {
  // What the rules service stores for a threshold alert (same function it uses).
  const threshold = alertMessageOf('负载率高', '1# 变压器', alertText('threshold.held', { quantity: 'load_rate_pct', value: 97, op: 'above', limit: 90, heldS: 30 }));

  it('renders the zh-CN template with translated words (quantity, op)', () => {
    expect(threshold.message).toBe('负载率高: 1# 变压器: load_rate_pct 97 above 90 for 30 s');
    expect(alertMessageText(threshold, 'zh-CN')).toBe('负载率高：1# 变压器：负载率 97，高于 90，已持续 30 秒');
  });

  it('shows exactly the stored English message in English', () => {
    expect(alertMessageText(threshold, 'en')).toBe(threshold.message);
    const budget = alertMessageOf('Energy day', 'Steel', alertText('budget.level', { level: 'orange', period: 'day', label: '2026-01-06', actual: 2600, budget: 10000, unit: 'kWh', progressPct: 26, elapsedPct: 25, forecast: 10400, forecastPct: 104 }));
    expect(alertMessageText(budget, 'en')).toBe(budget.message);
    // zh-CN: the level and the period in words, numbers grouped.
    expect(alertMessageText(budget, 'zh-CN')).toBe('Energy day：Steel：预警：日预算（2026-01-06）已用 2,600 / 10,000 kWh（26%），时间进度 25%；预计 10,400 kWh（104%）');
  });

  it('falls back to the English message for an event without a code, an unknown code, or a missing parameter', () => {
    expect(alertMessageText({ message: 'old text' }, 'zh-CN')).toBe('old text');
    expect(alertMessageText({ message: 'newer', messageCode: 'future.kind', messageParams: { a: 1 } }, 'zh-CN')).toBe('newer');
    expect(alertMessageText({ message: 'partial', messageCode: 'offline.silent', messageParams: { silentS: 95 } }, 'zh-CN')).toBe('partial');
  });

  it('translates recommendations, optional parts included', () => {
    const cut = alertSummaryOf(alertText('max_demand.cut', { cutKw: 63, storageName: '储能', storage: 'ess', dischargeKw: 63, socPct: 60, none: false }));
    expect(cut.summary).toBe('cut 63 kW for the rest of the window: discharge 储能 (ess) by 63 kW (SoC 60%)');
    expect(recommendationText(cut, 'zh-CN')).toBe('本窗口剩余时间需削减 63 kW：储能（ess）放电 63 kW（SoC 60%）');
    const none = alertSummaryOf(alertText('max_demand.cut', { cutKw: 268, none: true }));
    expect(recommendationText(none, 'zh-CN')).toBe('本窗口剩余时间需削减 268 kW：无可用储能或可调负荷');
    expect(recommendationText({ summary: 'plain' }, 'zh-CN')).toBe('plain');
  });
});

describe('how a cleared alert was cleared', () => {
  it('names the condition, the system with its reason, or the person', () => {
    expect(clearedNote({})).toBeUndefined();
    expect(clearedNote({ cleared: { by: 'condition', atMs: 1 } })).toEqual({ key: 'clearedByCondition', by: 'condition', atMs: 1 });
    expect(clearedNote({ cleared: { by: 'system', atMs: 2, reason: 'subject_removed' } })?.key).toBe('clearedSubjectRemoved');
    expect(clearedNote({ cleared: { by: 'system', atMs: 3, reason: 'rule_dropped' } })?.key).toBe('clearedRuleDropped');
    expect(clearedNote({ cleared: { by: 'wang.li', atMs: 4, comment: 'fixed' } })).toEqual({ key: 'clearedBy', by: 'wang.li', atMs: 4 });
  });
});
