import type { Severity } from '@lingtan/schema';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { AlertTable } from '../components/alert-table.js';
import { Notice, Panel } from '../components/stat-tile.js';
import { mayAcknowledge, seesPark } from '../lib/access.js';
import { filterAlerts, SEVERITY_ORDER, type AlertFilter } from '../lib/live-merge.js';
import { useFetch } from '../lib/use-fetch.js';
import { useAddAlerts, useLive, useRooms } from '../live/hooks.js';
import { useSession } from '../session.js';

/** The alerts page: the live feed (open alerts) and the history, filtered by severity, enterprise and state. */
export function AlertsView() {
  const { t } = useTranslation();
  const { principal, park } = useSession();
  const live = useLive();
  const addAlerts = useAddAlerts();
  const own = principal.role === 'enterprise_user' ? principal.enterprise : undefined;
  const rooms = useMemo(() => (own === undefined ? [{ kind: 'park' as const }] : [{ kind: 'enterprise' as const, enterprise: own }]), [own]);
  useRooms(rooms);
  const [tab, setTab] = useState<'live' | 'history'>('live');
  const [filter, setFilter] = useState<AlertFilter>({ severity: 'all', enterprise: own ?? 'all', state: 'open' });
  const fetched = useFetch(() => api.alerts({ enterprise: own, state: tab === 'live' ? 'open' : undefined, limit: 500 }), `${tab}:${own ?? ''}`, live.epoch);
  useEffect(() => {
    if (fetched.status === 'ok') addAlerts(fetched.data.alerts);
  }, [fetched]);

  const shown = filterAlerts(live.alerts.values(), tab === 'live' ? { ...filter, state: filter.state === 'cleared' ? 'open' : filter.state } : filter);
  const names = new Map(park.enterprises.map((e) => [e.id, e.name]));
  const states: AlertFilter['state'][] = tab === 'live' ? ['open', 'active', 'acknowledged'] : ['all', 'open', 'active', 'acknowledged', 'cleared'];

  return (
    <div className="page" data-testid="alerts">
      <Panel
        title={
          <span className="tabs">
            {(['live', 'history'] as const).map((k) => (
              <button key={k} type="button" className={`tab${tab === k ? ' active' : ''}`} onClick={() => {
                setTab(k);
                setFilter({ ...filter, state: k === 'live' ? 'open' : 'all' });
              }} data-testid={`tab-${k}`}>
                {t(`alerts.${k}`)}
              </button>
            ))}
          </span>
        }
        actions={
          <div className="filters">
            <select aria-label={t('alerts.severity')} value={filter.severity} onChange={(e) => setFilter({ ...filter, severity: e.target.value as Severity | 'all' })} data-testid="filter-severity">
              <option value="all">
                {t('alerts.severity')}: {t('common.all')}
              </option>
              {SEVERITY_ORDER.map((s) => (
                <option key={s} value={s}>
                  {t(`severity.${s}`)}
                </option>
              ))}
            </select>
            {seesPark(principal) ? (
              <select aria-label={t('alerts.enterprise')} value={filter.enterprise} onChange={(e) => setFilter({ ...filter, enterprise: e.target.value })} data-testid="filter-enterprise">
                <option value="all">
                  {t('alerts.enterprise')}: {t('common.all')}
                </option>
                {park.enterprises.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </select>
            ) : null}
            <select aria-label={t('alerts.state')} value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.target.value as AlertFilter['state'] })} data-testid="filter-state">
              {states.map((s) => (
                <option key={s} value={s}>
                  {t('alerts.state')}: {s === 'all' ? t('common.all') : t(`alertState.${s}`)}
                </option>
              ))}
            </select>
          </div>
        }
      >
        {fetched.status === 'error' ? <Notice kind="error">{fetched.message}</Notice> : null}
        <AlertTable alerts={shown} timeZone={park.park.timezone} enterpriseName={(id) => names.get(id) ?? id} canAcknowledge={mayAcknowledge(principal)} fresh={live.freshAlerts} />
      </Panel>
    </div>
  );
}
