import type { EnterpriseSummary } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { filterEnterprises, sortEnterprises } from './ranking.js';

function ent(id: string, over: Partial<EnterpriseSummary>): EnterpriseSummary {
  return {
    enterprise: id, name: id, loadKw: 0, todayKwh: 0, todayTce: 0, todayTco2: 0, intensityTcePer10kCny: null, greenSharePct: null,
    budget: { level: 'green', usedPct: 10 }, greenCode: { colour: 'green', reasons: [] }, activeAlerts: 0, metersOnline: 1, metersTotal: 1, lastReadingMs: null, ...over,
  };
}

const rows = [
  ent('a', { name: '联鑫钢铁', todayTce: 5, intensityTcePer10kCny: 0.8, budget: { level: 'orange', usedPct: 90 }, activeAlerts: 2, industry: 'steel' }),
  ent('b', { name: '海润化工', todayTce: 9, intensityTcePer10kCny: null, budget: { level: 'red', usedPct: 105 }, greenCode: { colour: 'red', reasons: ['x'] } }),
  ent('c', { name: '云港数据中心', todayTce: 5, intensityTcePer10kCny: 0.2, budget: { level: 'green', usedPct: 40 } }),
];

describe('the enterprise ranking', () => {
  it('sorts by energy, ties in id order so rows stay put', () => {
    expect(sortEnterprises(rows, 'todayTce', 'desc', 'zh-CN').map((e) => e.enterprise)).toEqual(['b', 'a', 'c']);
    expect(sortEnterprises(rows, 'todayTce', 'asc', 'zh-CN').map((e) => e.enterprise)).toEqual(['a', 'c', 'b']);
  });
  it('puts missing intensities last in both directions', () => {
    expect(sortEnterprises(rows, 'intensity', 'desc', 'en').map((e) => e.enterprise)).toEqual(['a', 'c', 'b']);
    expect(sortEnterprises(rows, 'intensity', 'asc', 'en').map((e) => e.enterprise)).toEqual(['c', 'a', 'b']);
  });
  it('ranks the budget by level first (red > orange > green), then by use', () => {
    expect(sortEnterprises(rows, 'budget', 'desc', 'en').map((e) => e.enterprise)).toEqual(['b', 'a', 'c']);
  });
  it('filters by text over name, id and industry, by green code and by alerts', () => {
    expect(filterEnterprises(rows, { text: '钢', greenCode: 'all', withAlertsOnly: false }).map((e) => e.enterprise)).toEqual(['a']);
    expect(filterEnterprises(rows, { text: 'STEEL', greenCode: 'all', withAlertsOnly: false }).map((e) => e.enterprise)).toEqual(['a']);
    expect(filterEnterprises(rows, { text: '', greenCode: 'red', withAlertsOnly: false }).map((e) => e.enterprise)).toEqual(['b']);
    expect(filterEnterprises(rows, { text: '', greenCode: 'all', withAlertsOnly: true }).map((e) => e.enterprise)).toEqual(['a']);
  });
});
