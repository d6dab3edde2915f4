import { describe, expect, it } from 'vitest';
import { groupSmallEnterprises, sankeyOption } from './chart-options.js';

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

describe('grouping small enterprises in the Sankey', () => {
  it('keeps the biggest inflows and sums the rest per source', () => {
    const nodes = [
      { id: 'grid', name: '电网', kind: 'source' as const },
      { id: 'gas', name: '气', kind: 'source' as const },
      { id: 'a', name: 'A', kind: 'enterprise' as const },
      { id: 'b', name: 'B', kind: 'enterprise' as const },
      { id: 'c', name: 'C', kind: 'enterprise' as const },
    ];
    const links = [
      { source: 'grid', target: 'a', valueKw: 100 },
      { source: 'grid', target: 'b', valueKw: 10 },
      { source: 'gas', target: 'b', valueKw: 5 },
      { source: 'grid', target: 'c', valueKw: 20 },
    ];
    // Keep 1 (a: 100 kW); b (15) and c (20) merge: grid 10 + 20 = 30, gas 5.
    const g = groupSmallEnterprises(nodes, links, 1, '其他');
    expect(g.nodes.map((n) => n.id)).toEqual(['grid', 'gas', 'a', '__others']);
    expect(g.links).toEqual([
      { source: 'grid', target: 'a', valueKw: 100 },
      { source: 'grid', target: '__others', valueKw: 30 },
      { source: 'gas', target: '__others', valueKw: 5 },
    ]);
  });
  it('leaves a small park as it is (merging one node would only rename it)', () => {
    const g = groupSmallEnterprises([{ id: 'a', name: 'A', kind: 'enterprise' }, { id: 'b', name: 'B', kind: 'enterprise' }], [], 1, 'x');
    expect(g.nodes).toHaveLength(2);
  });
});
