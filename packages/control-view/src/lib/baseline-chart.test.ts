import { describe, expect, it } from 'vitest';
import { baselineBand, loadCurveOption, loadTooltip } from './baseline-chart.js';

const H = 3_600_000;
const SLOTS = [
  { startMs: 0, median: 130, p10: 106, p90: 252, weeks: 4 },
  { startMs: H, median: null, p10: null, p90: null, weeks: 1 },
];
const NAMES = { today: 'Today', yesterday: 'Yesterday', baseline: 'Baseline', band: 'p10–p90' };

describe('baselineBand', () => {
  it('stacks p10 and the spread 252 - 106 = 146; a slot without baseline is null (a gap), not 0', () => {
    const b = baselineBand(SLOTS);
    expect(b.median).toEqual([[0, 130], [H, null]]);
    expect(b.low).toEqual([[0, 106], [H, null]]);
    expect(b.spread).toEqual([[0, 146, 106, 252], [H, null, null, null]]);
    expect(b.slotsWithBaseline).toBe(1);
  });
});

describe('loadCurveOption', () => {
  const opts = { today: [[0, 120]] as const, yesterday: [[0, 100]] as const, names: NAMES, unit: 'kW', rangeMs: [0, 24 * H] as const, formatAxisTime: String, formatTooltipTime: String, formatValue: (v: number) => `${v} kW` };

  it('adds the band (p10 carrier, spread) and the dashed median after today and yesterday', () => {
    const o = loadCurveOption({ ...opts, baseline: SLOTS }) as { series: { id: string; stack?: string; lineStyle?: { type?: string } }[]; legend: { data: string[] } };
    expect(o.series.map((s) => s.id)).toEqual(['s0', 's1', 'band-low', 'band', 'baseline']);
    expect(o.series[2]?.stack).toBe('band');
    expect(o.series[4]?.lineStyle?.type).toBe('dashed');
    expect(o.legend.data).toEqual(['Today', 'Yesterday', 'Baseline', 'p10–p90']);
  });

  it('without any baseline slot, only today and yesterday (the view says why)', () => {
    const o = loadCurveOption({ ...opts, baseline: [SLOTS[1]!] }) as { series: { id: string }[]; legend: { data: string[] } };
    expect(o.series.map((s) => s.id)).toEqual(['s0', 's1']);
    expect(o.legend.data).toEqual(['Today', 'Yesterday']);
  });
});

describe('loadTooltip', () => {
  it('shows the band as its range, hides its p10 carrier, skips null values', () => {
    const html = loadTooltip(
      [
        { seriesId: 's0', seriesName: 'Today', marker: '*', value: [0, 120] },
        { seriesId: 'band-low', seriesName: 'p10–p90', value: [0, 106] },
        { seriesId: 'band', seriesName: 'p10–p90', marker: '*', value: [0, 146, 106, 252] },
        { seriesId: 'baseline', seriesName: 'Baseline', marker: '*', value: [0, null] },
      ],
      (ms) => `t${ms}`,
      (v) => `${v} kW`,
    );
    expect(html).toBe('t0<br/>*Today: 120 kW<br/>*p10–p90: 106 kW – 252 kW');
  });
});
