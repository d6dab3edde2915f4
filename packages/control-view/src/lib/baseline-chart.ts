import type { BaselineResponse } from '@lingtan/schema';
import type { ChartOption } from '../components/echart.js';
import { timeSeriesOption } from './chart-options.js';
import type { Points } from './series.js';

type Slot = BaselineResponse['slots'][number];

/** The baseline's colour: violet, apart from today's blue and yesterday's green. */
export const BASELINE_COLOUR = '#a78bfa';

/**
 * The baseline as chart data: the median line, and the p10-p90 band as a stack of the p10
 * (invisible) and the spread p90 - p10 (filled), each point also carrying p10 and p90 for the
 * tooltip. A slot without a baseline is null in all three, so the lines break there.
 */
export function baselineBand(slots: readonly Slot[]): { median: [number, number | null][]; low: [number, number | null][]; spread: [number, number | null, number | null, number | null][]; slotsWithBaseline: number } {
  return {
    median: slots.map((s) => [s.startMs, s.median]),
    low: slots.map((s) => [s.startMs, s.p10]),
    spread: slots.map((s) => [s.startMs, s.p10 === null || s.p90 === null ? null : s.p90 - s.p10, s.p10, s.p90]),
    slotsWithBaseline: slots.filter((s) => s.median !== null).length,
  };
}

interface TooltipParam {
  readonly seriesId?: string;
  readonly seriesName?: string;
  readonly marker?: string;
  readonly value: readonly (number | null)[];
}

/**
 * The axis tooltip of the load chart: the time, then each line's value; the band shows as
 * "p10-p90: a - b" (not its stacked spread) and its invisible p10 carrier is left out.
 */
export function loadTooltip(params: readonly TooltipParam[], formatTime: (ms: number) => string, formatValue: (v: number) => string): string {
  const ts = params[0]?.value[0];
  const lines = params.flatMap((p) => {
    if (p.seriesId === 'band-low') return [];
    if (p.seriesId === 'band') {
      const [, , p10, p90] = p.value;
      return p10 === null || p10 === undefined || p90 === null || p90 === undefined ? [] : [`${p.marker ?? ''}${p.seriesName ?? ''}: ${formatValue(p10)} – ${formatValue(p90)}`];
    }
    const v = p.value[1];
    return v === null || v === undefined ? [] : [`${p.marker ?? ''}${p.seriesName ?? ''}: ${formatValue(v)}`];
  });
  return [ts === null || ts === undefined ? '' : formatTime(ts), ...lines].join('<br/>');
}

/**
 * Today's load, yesterday's (drawn over today) and, when there is one, the baseline: a dashed
 * violet median over a light p10-p90 band.
 */
export function loadCurveOption(opts: {
  readonly today: Points;
  readonly yesterday: Points;
  readonly baseline: readonly Slot[] | null;
  readonly names: { readonly today: string; readonly yesterday: string; readonly baseline: string; readonly band: string };
  readonly unit: string;
  readonly rangeMs: readonly [number, number];
  readonly formatAxisTime: (ms: number) => string;
  readonly formatTooltipTime: (ms: number) => string;
  readonly formatValue: (v: number) => string;
}): ChartOption {
  const base = timeSeriesOption({
    series: [
      { name: opts.names.today, points: opts.today },
      { name: opts.names.yesterday, points: opts.yesterday, dashed: true },
    ],
    unit: opts.unit,
    formatAxisTime: opts.formatAxisTime,
    formatTooltipTime: opts.formatTooltipTime,
    formatValue: opts.formatValue,
    area: true,
    rangeMs: opts.rangeMs,
  }) as { series: object[]; tooltip: object; legend?: object };
  const band = opts.baseline === null ? null : baselineBand(opts.baseline);
  const extra =
    band === null || band.slotsWithBaseline === 0
      ? []
      : [
          { id: 'band-low', name: opts.names.band, type: 'line', stack: 'band', data: band.low, showSymbol: false, lineStyle: { opacity: 0 }, itemStyle: { color: BASELINE_COLOUR }, silent: true },
          { id: 'band', name: opts.names.band, type: 'line', stack: 'band', data: band.spread, showSymbol: false, lineStyle: { opacity: 0 }, itemStyle: { color: BASELINE_COLOUR }, areaStyle: { color: BASELINE_COLOUR, opacity: 0.14 }, silent: true },
          { id: 'baseline', name: opts.names.baseline, type: 'line', data: band.median, showSymbol: false, lineStyle: { type: 'dashed', width: 1.5, color: BASELINE_COLOUR }, itemStyle: { color: BASELINE_COLOUR } },
        ];
  const legend = [opts.names.today, opts.names.yesterday, ...(extra.length > 0 ? [opts.names.baseline, opts.names.band] : [])];
  return {
    ...base,
    // Always a legend, so the reader knows which line is which even before the baseline exists.
    legend: { top: 0, data: legend, textStyle: { color: '#c9d4e3' } },
    tooltip: { trigger: 'axis', formatter: (params: TooltipParam[]) => loadTooltip(params, opts.formatTooltipTime, opts.formatValue) },
    series: [...base.series, ...extra],
  };
}
