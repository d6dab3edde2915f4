import type { MeterUpdate } from '@lingtan/schema';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { LatestPoint } from '../api/types.js';
import { AlertTable } from '../components/alert-table.js';
import { StaleMark } from '../components/badges.js';
import { Notice, Panel, StatTile } from '../components/stat-tile.js';
import { mayAcknowledge } from '../lib/access.js';
import { filterAlerts } from '../lib/live-merge.js';
import { isStale, SUMMARY_STALE_MS } from '../lib/stale.js';
import { useFetch } from '../lib/use-fetch.js';
import { useAddAlerts, useLive, useNow, useRooms } from '../live/hooks.js';
import { useSession } from '../session.js';
import { BudgetPanel } from './enterprise-budget.js';
import { BudgetProgress, CostByPeriod, LoadCurve } from './enterprise-charts.js';
import { MeterTable } from './meter-table.js';

/** One enterprise: live figures, meters with their latest values, load curve, budget, cost, alerts. */
export function EnterpriseDetailView(props: { readonly id: string }) {
  const { t } = useTranslation();
  const { principal, park } = useSession();
  const live = useLive();
  const now = useNow();
  const addAlerts = useAddAlerts();
  const tz = park.park.timezone;
  const registry = useFetch(() => api.enterprise(props.id), props.id);
  const latest = useFetch(() => api.latest(props.id), props.id, live.epoch);
  const summary = useFetch(() => api.summary('enterprise', props.id, 'day'), `${props.id}:${Math.floor(now / 60_000)}`, live.epoch);
  const alerts = useFetch(() => api.alerts({ enterprise: props.id, limit: 200 }), props.id, live.epoch);
  useEffect(() => {
    // addAlerts writes to the page's one store, so only a new response matters here.
    if (alerts.status === 'ok') addAlerts(alerts.data.alerts);
  }, [alerts]);

  const meters = registry.status === 'ok' ? registry.data.meters : [];
  const rooms = useMemo(() => [{ kind: 'enterprise' as const, enterprise: props.id }, ...meters.map((m) => ({ kind: 'meter' as const, meter: m.id }))], [props.id, meters]);
  useRooms(rooms);

  const values = useMemo(() => {
    const map = new Map<string, LatestPoint | MeterUpdate>();
    if (latest.status === 'ok') for (const p of latest.data.points) map.set(p.meter, p);
    for (const m of meters) {
      const u = live.meters.get(m.id);
      const have = map.get(m.id);
      if (u !== undefined && (have === undefined || u.ts >= have.ts)) map.set(m.id, u);
    }
    return map;
  }, [latest, live.meters, meters]);

  if (registry.status === 'loading') return <Notice kind="loading">{t('common.loading')}</Notice>;
  if (registry.status === 'error') return registry.code === 'forbidden' ? <Notice kind="error">{t('noAccess.title')}</Notice> : <Notice kind="error">{registry.message}</Notice>;

  const s = live.enterprises.get(props.id);
  const stale = s !== undefined && isStale(s.lastReadingMs, now, SUMMARY_STALE_MS) ? <StaleMark lastMs={s.lastReadingMs} nowMs={now} timeZone={tz} /> : undefined;
  const mine = filterAlerts(live.alerts.values(), { severity: 'all', enterprise: props.id, state: 'all' });
  const names = new Map(park.enterprises.map((e) => [e.id, e.name]));

  return (
    <div className="page" data-testid="enterprise-detail">
      <div className="page-head">
        <h2 className="page-title" data-testid="enterprise-name">
          {registry.data.enterprise.name}
        </h2>
        <div className="page-meta">
          {registry.data.enterprise.id}
          {s === undefined ? '' : ` · ${t('overview.meters')} ${s.metersOnline}/${s.metersTotal}`}
        </div>
      </div>
      <div className="tiles">
        <StatTile label={t('ranking.load')} value={s?.loadKw ?? null} unit="kW" stale={stale} testId="ent-load" wide />
        <StatTile label={t('ranking.energy')} value={s?.todayKwh ?? null} unit="kWh" digits={0} stale={stale} />
        <StatTile label={t('ranking.tce')} value={s?.todayTce ?? null} unit="tce" digits={2} stale={stale} />
        <StatTile label={t('ranking.carbon')} value={s?.todayTco2 ?? null} unit="tCO₂" digits={2} stale={stale} />
        <StatTile label={t('ranking.intensity')} value={s?.intensityTcePer10kCny ?? null} unit={t('units.intensity')} digits={3} stale={stale} />
      </div>
      <div className="grid-3">
        <Panel title={t('baseline.loadCurve')} className="span-2">
          <LoadCurve enterprise={props.id} meters={meters} timeZone={tz} nowMs={now} epoch={live.epoch} />
        </Panel>
        <div className="stack">
          <Panel title={t('enterprise.budgetProgress')}>
            <BudgetProgress s={s} />
          </Panel>
          <Panel title={t('enterprise.costByPeriod')}>
            <CostByPeriod summary={summary.status === 'ok' ? summary.data : summary.status === 'error' ? { ...EMPTY_SUMMARY, id: props.id } : null} />
          </Panel>
        </div>
      </div>
      <BudgetPanel enterprise={props.id} epoch={live.epoch} />
      <Panel title={`${t('enterprise.meters')} (${meters.length})`}>
        <MeterTable meters={meters} latest={values} nowMs={now} timeZone={tz} />
      </Panel>
      <Panel title={t('enterprise.alerts')}>
        <AlertTable alerts={mine} timeZone={tz} enterpriseName={(id) => names.get(id) ?? id} canAcknowledge={mayAcknowledge(principal)} fresh={live.freshAlerts} showEnterprise={false} />
      </Panel>
    </div>
  );
}

// A summary the gateway refused (an engineer sees no costs): shown as "no cost".
const EMPTY_SUMMARY = {
  scope: 'enterprise', id: '', period: { startMs: 0, endMs: 0, label: '' }, factorSet: '', energyTce: 0, co2T: { total: 0, scope1: 0, scope2Location: 0 }, electricityKwh: 0, costCny: null,
} as const;
