import type { RegistryIndex } from '@lingtan/domain';
import type { FlowLink, FlowNode } from '@lingtan/schema';
import type { ParkPower } from './power.js';

const SOURCES: readonly FlowNode[] = [
  { id: 'source:grid', name: '电网', kind: 'source' },
  { id: 'source:pv', name: '光伏', kind: 'source' },
  { id: 'source:storage', name: '储能', kind: 'source' },
  { id: 'source:chp', name: '热电联产', kind: 'source' },
  { id: 'source:steam', name: '外购蒸汽', kind: 'source' },
  { id: 'source:gas', name: '天然气', kind: 'source' },
];
const CARRIERS: readonly FlowNode[] = [
  { id: 'carrier:electricity', name: '电', kind: 'carrier' },
  { id: 'carrier:heat', name: '热', kind: 'carrier' },
  { id: 'carrier:gas', name: '气', kind: 'carrier' },
];

/**
 * The energy-flow (Sankey) diagram now, kW: sources (grid import, PV, storage discharge,
 * CHP heat, bought steam, gas) -> carriers (electricity, heat, gas) -> enterprises (what
 * each one's consumption meters take). Only links above zero are drawn, and only the nodes
 * they touch. The two sides need not balance: losses, exports, charging and unmetered
 * loads are not drawn.
 */
export function energyFlows(power: ParkPower, index: RegistryIndex): { nodes: FlowNode[]; links: FlowLink[] } {
  const links: FlowLink[] = [];
  const link = (source: string, target: string, valueKw: number) => {
    if (valueKw > 0 && Number.isFinite(valueKw)) links.push({ source, target, valueKw });
  };
  link('source:grid', 'carrier:electricity', power.gridImportKw);
  link('source:pv', 'carrier:electricity', power.pvKw);
  link('source:storage', 'carrier:electricity', Math.max(0, power.storageKw));
  link('source:chp', 'carrier:heat', power.chpHeatKw);
  link('source:steam', 'carrier:heat', power.steamKw);
  link('source:gas', 'carrier:gas', power.gasKw);
  const enterpriseNodes: FlowNode[] = [];
  for (const e of index.registry.enterprises) {
    const p = power.enterprises.get(e.id);
    if (p === undefined) continue;
    const before = links.length;
    link('carrier:electricity', `enterprise:${e.id}`, p.electricityKw);
    link('carrier:heat', `enterprise:${e.id}`, p.heatKw);
    link('carrier:gas', `enterprise:${e.id}`, p.gasKw);
    if (links.length > before) enterpriseNodes.push({ id: `enterprise:${e.id}`, name: e.name, kind: 'enterprise' });
  }
  const used = new Set(links.flatMap((l) => [l.source, l.target]));
  const nodes = [...SOURCES, ...CARRIERS].filter((n) => used.has(n.id)).concat(enterpriseNodes);
  return { nodes, links };
}
