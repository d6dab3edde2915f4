import { describe, expect, it } from 'vitest';
import { alertMessageOf, alertSummaryOf, alertText } from './alert-templates.js';
import { alertMessageZh, recommendationZh } from './alert-templates-zh.js';

describe('alert texts in 简体中文', () => {
  it('renders the message from its code with words for quantities and codes, and the rule and subject first', () => {
    const budget = alertMessageOf('月度能耗', '联鑫钢铁', alertText('budget.level', { level: 'red', period: 'month', label: '2026-11', actual: 1200, budget: 1000, unit: 'tce', progressPct: 120, elapsedPct: 70, forecast: 1714, forecastPct: 171 }));
    expect(alertMessageZh(budget)).toBe('月度能耗：联鑫钢铁：超限：月预算（2026-11）已用 1,200 / 1,000 tce（120%），时间进度 70%；预计 1,714 tce（171%）');
    expect(recommendationZh(alertSummaryOf(alertText('anomaly.review', {})))).toBe('排查该计量点偏离常态的原因（设备未关、泄漏、作息变化）');
  });

  it('falls back to the stored English without a code, with an unknown code, or with a parameter missing', () => {
    expect(alertMessageZh({ message: 'old event' })).toBe('old event');
    expect(alertMessageZh({ message: 'newer', messageCode: 'future.kind', messageParams: { a: 1 } })).toBe('newer');
    expect(alertMessageZh({ message: 'partial', messageCode: 'offline.silent', messageParams: { silentS: 95 } })).toBe('partial');
    expect(recommendationZh({ summary: 'English only' })).toBe('English only');
  });
});
