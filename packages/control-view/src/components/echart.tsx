import { BarChart, LineChart, SankeyChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the charts the cockpit draws: keeps the bundle a fraction of full ECharts.
echarts.use([SankeyChart, LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, MarkLineComponent, CanvasRenderer]);

/** ECharts options, as the library types them. */
export type ChartOption = echarts.EChartsCoreOption;

/** Text and axis colours of the dark theme (contrast >= 4.5:1 on the panel background). */
export const CHART_TEXT = '#c9d4e3';
export const CHART_AXIS = '#3a4a63';
export const CHART_PALETTE = ['#38bdf8', '#4ade80', '#fbbf24', '#f472b6', '#a78bfa', '#fb923c', '#2dd4bf', '#e879f9'];

/**
 * One ECharts instance in a div that fills its parent; options are merged on change (live
 * updates animate instead of redrawing), and the chart follows its box's size.
 */
export function EChart(props: { readonly option: ChartOption; readonly height: number | string; readonly testId?: string; readonly replace?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (el === null) return undefined;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      { color: CHART_PALETTE, textStyle: { color: CHART_TEXT, fontFamily: 'inherit' }, backgroundColor: 'transparent', ...props.option },
      { notMerge: props.replace === true, lazyUpdate: true },
    );
  }, [props.option, props.replace]);

  return <div ref={ref} className="chart" style={{ height: props.height }} data-testid={props.testId} />;
}
