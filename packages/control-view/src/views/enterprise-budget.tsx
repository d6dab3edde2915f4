import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { BudgetFigure, BudgetsResponse } from '../api/types.js';
import { LevelBadge } from '../components/badges.js';
import { EChart } from '../components/echart.js';
import { Notice, Panel } from '../components/stat-tile.js';
import { budgetBar, budgetCumulativeOption } from '../lib/budget-chart.js';
import { formatNumber, formatTime, withUnit } from '../lib/format.js';
import type { ViewLocale } from '../lib/format.js';
import { useFetch } from '../lib/use-fetch.js';
import { useLocale } from '../lib/use-locale.js';

type PeriodKey = 'year' | 'month';
type FigureKey = 'energyTce' | 'co2T';

const digitsFor = (v: number): number => (Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
const amount = (locale: ViewLocale, v: number, unit: string): string => withUnit(locale, v, unit, digitsFor(v));

/** One budget's progress bar: used against the budget, a tick where the plan stands, the forecast at the period end. */
function BudgetRow(props: { readonly label: string; readonly figure: BudgetFigure; readonly completeness: number; readonly testId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const f = props.figure;
  const bar = budgetBar(f);
  return (
    <div className="budget" data-testid={props.testId}>
      <div className="budget-head">
        <span className="tile-label">{props.label}</span>
        {f.status === 'ok' ? <LevelBadge level={f.level} /> : <span className="pill level-grey">{t('budget.notSet')}</span>}
      </div>
      <div className="tile-value">
        <span className="num">{bar === null ? amount(locale, f.actual, f.unit) : formatNumber(locale, bar.usedPct, 1)}</span>
        {bar === null ? null : <span className="unit">%</span>}
        {bar === null ? null : <span className="budget-of"> {t('budget.used')}</span>}
      </div>
      {bar === null || f.status !== 'ok' ? (
        <div className="tile-sub">{t('budget.notSetBody')}</div>
      ) : (
        <>
          <div className="bar" style={{ position: 'relative' }} title={f.reasons.join('; ')}>
            <div className={`bar-fill level-${f.level}`} style={{ width: `${bar.fillPct}%` }} />
            <div aria-hidden style={{ position: 'absolute', top: -1, bottom: -1, left: `calc(${bar.plannedPct}% - 1px)`, width: 2, background: '#e6edf7' }} />
          </div>
          <div className="tile-sub">
            {amount(locale, f.actual, f.unit)} / {amount(locale, f.budget, f.unit)} · {t('budget.planned')} {formatNumber(locale, (f.planned / f.budget) * 100, 1)}%
          </div>
          <div className="tile-sub">
            {t('budget.forecastEnd')} {amount(locale, f.forecast, f.unit)} ({formatNumber(locale, bar.forecastPct, 1)}%)
          </div>
          {/* Grey says "not enough data": show how much there is. */}
          {f.level === 'grey' ? (
            <div className="tile-sub">
              {t('budget.completeness')} {formatNumber(locale, props.completeness * 100, 0)}%
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

function Segmented<K extends string>(props: { readonly value: K; readonly options: readonly (readonly [K, string])[]; readonly onChange: (k: K) => void; readonly testId: string }) {
  return (
    <div className="seg" data-testid={props.testId}>
      {props.options.map(([k, label]) => (
        <button key={k} type="button" className={k === props.value ? 'active' : ''} onClick={() => props.onChange(k)}>
          {label}
        </button>
      ))}
    </div>
  );
}

/** The cumulative chart of the chosen period and figure: actual, plan, forecast to the period end, budget line. */
function BudgetChart(props: { readonly data: BudgetsResponse; readonly period: PeriodKey; readonly figure: FigureKey }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const p = props.data[props.period];
  const f = p[props.figure];
  const option = useMemo(
    () =>
      budgetCumulativeOption({
        figure: f,
        periodMs: [p.period.startMs, p.period.endMs],
        names: { actual: t('budget.actual'), plan: t('budget.plan'), forecast: t('budget.forecast'), budget: t('budget.budget') },
        unit: f.unit,
        formatAxisTime: (ms) => formatTime(locale, ms, props.data.timezone, 'date'),
        formatTooltipTime: (ms) => formatTime(locale, ms, props.data.timezone, 'date'),
        formatValue: (v) => amount(locale, v, f.unit),
      }),
    [f, p, locale, t, props.data.timezone],
  );
  return <EChart option={option} height={240} testId="budget-chart" replace />;
}

/**
 * Budget progress with forecast (year and month, energy and carbon) of an enterprise, or of
 * the park without `enterprise`: bars in the warning colour and the cumulative chart.
 */
export function BudgetPanel(props: { readonly enterprise?: string; readonly epoch: number; readonly title?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [period, setPeriod] = useState<PeriodKey>('month');
  const [figure, setFigure] = useState<FigureKey>('energyTce');
  const budgets = useFetch(() => api.budgets(props.enterprise), props.enterprise ?? '(park)', props.epoch);
  const actions = (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      <Segmented testId="budget-period" value={period} onChange={setPeriod} options={[['month', t('budget.month')], ['year', t('budget.year')]]} />
      <Segmented testId="budget-figure" value={figure} onChange={setFigure} options={[['energyTce', t('budget.energy')], ['co2T', t('budget.carbon')]]} />
    </div>
  );
  let body;
  if (budgets.status === 'loading') body = <Notice kind="loading">{t('common.loading')}</Notice>;
  // An engineer may not see an enterprise's figures: say so in words, not with the gateway's message.
  else if (budgets.status === 'error') body = <Notice kind={budgets.code === 'forbidden' ? 'empty' : 'error'}>{budgets.code === 'forbidden' ? t('noAccess.body') : budgets.message}</Notice>;
  else {
    const d = budgets.data;
    body = (
      <>
        {d.status === 'budget_not_set' ? <Notice kind="empty">{`${t('budget.notSet')}: ${t('budget.notSetBody')}`}</Notice> : null}
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(230px, 1fr))', gap: 12 }}>
          {(['month', 'year'] as const).flatMap((pk) =>
            (['energyTce', 'co2T'] as const).map((fk) => (
              <BudgetRow key={`${pk}-${fk}`} testId={`budget-${pk}-${fk}`} label={`${t(`budget.${pk}`)} · ${t(fk === 'energyTce' ? 'budget.energy' : 'budget.carbon')} (${d[pk].period.label})`} figure={d[pk][fk]} completeness={d[pk].completeness} />
            )),
          )}
        </div>
        <BudgetChart data={d} period={period} figure={figure} />
        <div className="tile-sub">
          {t('budget.plan_pro_rata')} · {t('budget.completeness')} {formatNumber(locale, d[period].completeness * 100, 0)}%
        </div>
      </>
    );
  }
  return (
    <Panel title={props.title ?? t('budget.title')} actions={actions} testId="budget-panel">
      {body}
    </Panel>
  );
}
