import { describe, expect, it } from 'vitest';
import { sankeyOption } from './chart-options.js';

describe('the energy-flow Sankey', () => {
  it('leaves out 0 kW links and the nodes only they touched', () => {
    const option = sankeyOption(
      [
        { id: 'grid', name: '电网', kind: 'source' },
        { id: 'pv', name: '光伏', kind: 'source' },
        { id: 'elec', name: '电力', kind: 'carrier' },
        { id: 'ent-steel', name: '联鑫钢铁', kind: 'enterprise' },
      ],
      [
        { source: 'grid', target: 'elec', valueKw: 1200 },
        { source: 'pv', target: 'elec', valueKw: 0 }, // night
        { source: 'elec', target: 'ent-steel', valueKw: 1200 },
      ],
      (kw) => `${kw} kW`,
    ) as { series: [{ data: { name: string }[]; links: unknown[] }] };
    expect(option.series[0].data.map((n) => n.name)).toEqual(['grid', 'elec', 'ent-steel']);
    expect(option.series[0].links).toHaveLength(2);
  });
});
