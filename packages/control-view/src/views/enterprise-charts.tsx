import type { EnterpriseSummary } from '@lingtan/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { MeterRef, SummaryResponse } from '../api/types.js';
import { LevelBadge } from '../components/badges.js';
import { EChart } from '../components/echart.js';
import { Notice } from '../components/stat-tile.js';
import { baselineBand, loadCurveOption } from '../lib/baseline-chart.js';
import { formatNumber, formatPct, formatTime, localDateParts, localMidnightMs, withUnit } from '../lib/format.js';
import { loadMeters, shiftSeries, sumSeries } from '../lib/series.js';
import { useFetch } from '../lib/use-fetch.js';
import { useLocale } from '../lib/use-locale.js';

const DAY_MS = 86_400_000;

/**
 * Today's load against yesterday's (drawn over today's hours) and the baseline (the same
 * weekday's median over the previous weeks, with its p10-p90 band), 15-minute means of the
 * main meters. Without 2 weeks of history the chart says the baseline is missing, not nothing.
 */
export function LoadCurve(props: { readonly enterprise: string; readonly meters: readonly MeterRef[]; readonly timeZone: string; readonly nowMs: number; readonly epoch: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const midnight = localMidnightMs(props.nowMs, props.timeZone);
  const date = localDateParts(midnight + 12 * 3_600_000, props.timeZone).date;
  const ids = loadMeters(props.meters).map((m) => m.id);
  const key = `${ids.join(',')}@${midnight}:${Math.floor(props.nowMs / 300_000)}`; // refresh every 5 min
  const history = useFetch(
    async () => {
      if (ids.length === 0) return { today: [], yesterday: [] };
      const ask = (from: number, to: number) => api.history({ meter: ids.join(','), quantity: 'power_kw', from, to, resolution: '15m' });
      const [today, yesterday] = await Promise.all([ask(midnight, midnight + DAY_MS), ask(midnight - DAY_MS, midnight)]);
      return { today: sumSeries(today.series.map((s) => s.points)), yesterday: shiftSeries(sumSeries(yesterday.series.map((s) => s.points)), DAY_MS) };
    },
    key,
    props.epoch,
  );
  // The baseline only changes with the date.
  const baseline = useFetch(() => api.baseline({ enterprise: props.enterprise, date, resolution: '15m' }), `${props.enterprise}@${date}`, props.epoch);
  const slots = baseline.status === 'ok' ? baseline.data.slots : null;
  const option = useMemo(
    () =>
      history.status !== 'ok'
        ? null
        : loadCurveOption({
            today: history.data.today,
            yesterday: history.data.yesterday,
            baseline: slots,
            names: { today: t('enterprise.todayLine'), yesterday: t('enterprise.yesterdayLine'), baseline: t('baseline.line'), band: t('baseline.band') },
            unit: 'kW',
            formatAxisTime: (ms) => formatTime(locale, ms, props.timeZone, 'hm'),
            formatTooltipTime: (ms) => formatTime(locale, ms, props.timeZone, 'hm'),
            formatValue: (v) => withUnit(locale, v, 'kW', 0),
            // Today's local day, so the curve grows from the left and yesterday lies under it.
            rangeMs: [midnight, midnight + DAY_MS],
          }),
    [history, slots, locale, props.timeZone, t, midnight],
  );
  if (history.status === 'error') return <Notice kind="error">{history.message}</Notice>;
  if (option === null) return <Notice kind="loading">{t('common.loading')}</Notice>;
  const withBaseline = slots === null ? 0 : baselineBand(slots).slotsWithBaseline;
  return (
    <>
      <EChart option={option} height={280} testId="load-curve" />
      <BaselineNote status={baseline.status} slotsWithBaseline={withBaseline} slots={slots?.length ?? 0} weeks={baseline.status === 'ok' ? baseline.data.method.weeks : 0} message={baseline.status === 'error' ? baseline.message : ''} />
    </>
  );
}

/** Under the load chart: how the baseline was made, or why there is none. */
function BaselineNote(props: { readonly status: 'loading' | 'ok' | 'error'; readonly slotsWithBaseline: number; readonly slots: number; readonly weeks: number; readonly message: string }) {
  const { t } = useTranslation();
  if (props.status === 'loading') return null;
  let text: string;
  if (props.status === 'error') text = `${t('baseline.line')}: ${props.message}`;
  else if (props.slotsWithBaseline === 0) text = t('baseline.needsData');
  else {
    const missing = props.slots - props.slotsWithBaseline;
    text = `${t('baseline.method', { weeks: props.weeks })}${missing > 0 ? ` · ${t('baseline.partial', { count: missing })}` : ''}`;
  }
  return (
    <div className={`tile-sub baseline-note${props.status === 'ok' && props.slotsWithBaseline > 0 ? '' : ' baseline-missing'}`} data-testid="baseline-note">
      {text}
    </div>
  );
}

/** Today's energy against the budget, with the level's colour. */
export function BudgetProgress(props: { readonly s: EnterpriseSummary | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (props.s === undefined) return <Notice kind="loading">{t('common.loading')}</Notice>;
  const used = props.s.budget.usedPct;
  return (
    <div className="budget" data-testid="enterprise-budget">
      <div className="budget-head">
        <span className="tile-label">{t('common.today')}</span>
        <LevelBadge level={props.s.budget.level} />
      </div>
      <div className="tile-value">
        <span className="num">{used === null ? '—' : formatNumber(locale, used, 1)}</span>
        {used === null ? null : <span className="unit">%</span>}
        <span className="budget-of">{t('enterprise.used')}</span>
      </div>
      <div className="bar">
        <div className={`bar-fill level-${props.s.budget.level}`} style={{ width: `${Math.min(100, used ?? 0)}%` }} />
      </div>
      <div className="tile-sub">
        {withUnit(locale, props.s.todayTce, 'tce', 2)} · {withUnit(locale, props.s.todayTco2, 'tCO₂', 2)} · {t('ranking.greenShare')} {formatPct(locale, props.s.greenSharePct)}
      </div>
    </div>
  );
}

/** Today's electricity cost split by tariff period, when the gateway's summary carries it. */
export function CostByPeriod(props: { readonly summary: SummaryResponse | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const s = props.summary;
  if (s === null) return <Notice kind="loading">{t('common.loading')}</Notice>;
  if (s.costCny === null) return <Notice kind="empty">{t('enterprise.noCost')}</Notice>;
  const periods = Object.entries(s.costByPeriod ?? {});
  const max = Math.max(1, ...periods.map(([, v]) => v));
  return (
    <div className="cost" data-testid="cost">
      <div className="tile-value">
        <span className="num">{formatNumber(locale, s.costCny, 0)}</span>
        <span className="unit">CNY</span>
      </div>
      {periods.map(([p, v]) => (
        <div key={p} className="cost-row">
          <span className="cost-label">{t(`periods.${p}`, { defaultValue: p })}</span>
          <div className="bar">
            <div className={`bar-fill period-${p}`} style={{ width: `${(v / max) * 100}%` }} />
          </div>
          <span className="cost-value">{withUnit(locale, v, 'CNY', 0)}</span>
        </div>
      ))}
    </div>
  );
}
