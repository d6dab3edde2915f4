import type { FlowLink, FlowNode } from '@lingtan/schema';
import type { ChartOption } from '../components/echart.js';

const AXIS = '#3a4a63';
const TEXT = '#c9d4e3';
const NODE_COLOURS: Record<FlowNode['kind'], string> = { source: '#38bdf8', carrier: '#fbbf24', enterprise: '#4ade80' };

/** Enterprises drawn one by one in the Sankey; the rest share one node (20 labels overlap at 340 px). */
export const SANKEY_ENTERPRISES = 8;

/**
 * Keeps the `keep` enterprises with the largest inflow and merges the others into one node
 * `others` (their links summed per source), so the diagram stays legible in a big park.
 */
export function groupSmallEnterprises(nodes: readonly FlowNode[], links: readonly FlowLink[], keep: number, othersName: string): { nodes: FlowNode[]; links: FlowLink[] } {
  const inflow = new Map<string, number>();
  for (const l of links) inflow.set(l.target, (inflow.get(l.target) ?? 0) + l.valueKw);
  const ents = nodes.filter((n) => n.kind === 'enterprise').sort((a, b) => (inflow.get(b.id) ?? 0) - (inflow.get(a.id) ?? 0));
  if (ents.length <= keep + 1) return { nodes: [...nodes], links: [...links] };
  const merged = new Set(ents.slice(keep).map((n) => n.id));
  const OTHERS = '__others';
  const sums = new Map<string, number>();
  const kept: FlowLink[] = [];
  for (const l of links) {
    if (merged.has(l.target)) sums.set(l.source, (sums.get(l.source) ?? 0) + l.valueKw);
    else kept.push(l);
  }
  return {
    nodes: [...nodes.filter((n) => !merged.has(n.id)), { id: OTHERS, name: othersName, kind: 'enterprise' }],
    links: [...kept, ...[...sums.entries()].map(([source, valueKw]) => ({ source, target: OTHERS, valueKw }))],
  };
}

/**
 * The Sankey of the park's energy flows. Links of 0 kW are left out (ECharts draws them as
 * hairlines that confuse), and so are nodes left without a link; the label is the node's
 * name, the tooltip the flow in kW.
 */
export function sankeyOption(nodes: readonly FlowNode[], links: readonly FlowLink[], formatKw: (kw: number) => string): ChartOption {
  const live = links.filter((l) => l.valueKw > 0);
  const used = new Set(live.flatMap((l) => [l.source, l.target]));
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataType?: string; data: { source?: string; target?: string; value?: number; name?: string } }) =>
        p.dataType === 'edge' ? `${names.get(p.data.source ?? '') ?? ''} → ${names.get(p.data.target ?? '') ?? ''}<br/>${formatKw(p.data.value ?? 0)}` : (names.get(p.data.name ?? '') ?? ''),
    },
    series: [
      {
        // Updated in place once a second: a short transition, never a redraw from nothing.
        id: 'flows',
        type: 'sankey',
        animationDuration: 400,
        animationDurationUpdate: 400,
        left: 8,
        right: 120,
        top: 8,
        bottom: 8,
        nodeGap: 6,
        nodeWidth: 12,
        emphasis: { focus: 'adjacency' },
        draggable: false,
        data: nodes.filter((n) => used.has(n.id)).map((n) => ({ name: n.id, itemStyle: { color: NODE_COLOURS[n.kind], borderWidth: 0 } })),
        links: live.map((l) => ({ source: l.source, target: l.target, value: l.valueKw })),
        label: { color: TEXT, fontSize: 12, formatter: (p: { name: string }) => names.get(p.name) ?? p.name },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
      },
    ],
  };
}

/** A time-axis line or bar chart of series `[ms, value]`, labelled in the park's zone. */
export function timeSeriesOption(opts: {
  /** A null value is a gap: the line breaks there rather than bridging it. */
  readonly series: readonly { readonly name: string; readonly points: readonly (readonly [number, number | null])[]; readonly dashed?: boolean }[];
  readonly unit: string;
  readonly kind?: 'line' | 'bar';
  readonly formatAxisTime: (ms: number) => string;
  readonly formatTooltipTime: (ms: number) => string;
  readonly formatValue: (v: number) => string;
  readonly zoom?: boolean;
  readonly area?: boolean;
  /** Fix the time axis to [fromMs, toMs) (e.g. a local day), whatever data there is yet. */
  readonly rangeMs?: readonly [number, number];
}): ChartOption {
  return {
    animation: false,
    grid: { left: 64, right: 20, top: 36, bottom: opts.zoom === true ? 64 : 28 },
    legend: opts.series.length > 1 ? { top: 0, textStyle: { color: TEXT } } : undefined,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => opts.formatValue(v),
      axisPointer: { label: { formatter: (p: { value: number }) => opts.formatTooltipTime(p.value) } },
    },
    xAxis: { type: 'time', ...(opts.rangeMs === undefined ? {} : { min: opts.rangeMs[0], max: opts.rangeMs[1] }), axisLine: { lineStyle: { color: AXIS } }, axisLabel: { color: TEXT, hideOverlap: true, formatter: (v: number) => opts.formatAxisTime(v) }, splitLine: { show: false } },
    yAxis: {
      type: 'value',
      name: opts.unit,
      nameTextStyle: { color: TEXT, align: 'right' },
      axisLabel: { color: TEXT },
      splitLine: { lineStyle: { color: AXIS, opacity: 0.5 } },
      scale: opts.kind !== 'bar',
    },
    dataZoom: opts.zoom === true ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8, textStyle: { color: TEXT }, borderColor: AXIS }] : undefined,
    // Stable ids: a live update or a language switch (new names) updates the series in place.
    series: opts.series.map((s, i) => ({
      id: `s${i}`,
      name: s.name,
      type: opts.kind ?? 'line',
      showSymbol: false,
      sampling: 'lttb',
      data: s.points.map((p) => [p[0], p[1]]),
      lineStyle: s.dashed === true ? { type: 'dashed', width: 1.5 } : { width: 2 },
      areaStyle: opts.area === true && s.dashed !== true ? { opacity: 0.12 } : undefined,
    })),
  };
}
