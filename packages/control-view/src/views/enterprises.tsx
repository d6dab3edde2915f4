import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GreenCodeBadge, LevelBadge } from '../components/badges.js';
import { Notice, Panel } from '../components/stat-tile.js';
import { formatNumber, formatPct, NO_VALUE } from '../lib/format.js';
import { navigate } from '../lib/navigation.js';
import { filterEnterprises, sortEnterprises, type RankingFilter, type RankingKey, type SortDir } from '../lib/ranking.js';
import { useLocale } from '../lib/use-locale.js';
import { useLive, useRooms } from '../live/hooks.js';

const PARK_ROOM = [{ kind: 'park' }] as const;

interface Column {
  readonly key: RankingKey;
  readonly label: string;
  readonly unit?: string;
  readonly numeric: boolean;
}

/** The ranking of the park's enterprises from the live park summary; sortable, filterable, rows open the enterprise. */
export function EnterprisesView() {
  const { t } = useTranslation();
  const locale = useLocale();
  useRooms(PARK_ROOM);
  const live = useLive();
  const [sort, setSort] = useState<{ key: RankingKey; dir: SortDir }>({ key: 'todayTce', dir: 'desc' });
  const [filter, setFilter] = useState<RankingFilter>({ text: '', greenCode: 'all', withAlertsOnly: false });
  const rows = useMemo(
    () => (live.park === null ? [] : sortEnterprises(filterEnterprises(live.park.enterprises, filter), sort.key, sort.dir, locale)),
    [live.park, filter, sort, locale],
  );
  if (live.park === null) return <Notice kind="loading">{t('common.loading')}</Notice>;

  const columns: Column[] = [
    { key: 'name', label: t('ranking.name'), numeric: false },
    { key: 'loadKw', label: t('ranking.load'), unit: 'kW', numeric: true },
    { key: 'todayKwh', label: t('ranking.energy'), unit: 'kWh', numeric: true },
    { key: 'todayTce', label: t('ranking.tce'), unit: 'tce', numeric: true },
    { key: 'todayTco2', label: t('ranking.carbon'), unit: 'tCO₂', numeric: true },
    { key: 'intensity', label: t('ranking.intensity'), unit: t('units.intensity'), numeric: true },
    { key: 'greenShare', label: t('ranking.greenShare'), unit: '%', numeric: true },
    { key: 'budget', label: t('ranking.budget'), numeric: false },
    { key: 'greenCode', label: t('ranking.greenCode'), numeric: false },
    { key: 'alerts', label: t('ranking.alerts'), numeric: true },
  ];
  const clickSort = (key: RankingKey): void => setSort((s) => ({ key, dir: s.key === key && s.dir === 'desc' ? 'asc' : 'desc' }));

  return (
    <div className="page" data-testid="enterprises">
      <Panel
        title={t('ranking.title')}
        actions={
          <div className="filters">
            <input type="search" placeholder={t('ranking.filter')} value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} data-testid="ranking-filter" />
            <select value={filter.greenCode} onChange={(e) => setFilter({ ...filter, greenCode: e.target.value as RankingFilter['greenCode'] })} aria-label={t('ranking.greenCode')}>
              <option value="all">
                {t('ranking.greenCode')}: {t('common.all')}
              </option>
              {(['green', 'yellow', 'red', 'grey'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`greenCode.${c}`)}
                </option>
              ))}
            </select>
            <label className="check">
              <input type="checkbox" checked={filter.withAlertsOnly} onChange={(e) => setFilter({ ...filter, withAlertsOnly: e.target.checked })} />
              {t('ranking.withAlerts')}
            </label>
            <span className="muted">{t('ranking.count', { count: rows.length })}</span>
          </div>
        }
      >
        <div className="table-wrap">
          <table className="table ranking">
            <thead>
              <tr>
                <th className="num-col">{t('ranking.rank')}</th>
                {columns.map((c) => (
                  <th key={c.key} className={c.numeric ? 'num-col' : undefined} aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    <button type="button" className="sort" onClick={() => clickSort(c.key)} data-testid={`sort-${c.key}`}>
                      {c.label}
                      {c.unit === undefined ? null : <span className="th-unit">{c.unit}</span>}
                      <span className="sort-arrow">{sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((e, i) => (
                <tr key={e.enterprise} className="clickable" onClick={() => navigate(`/enterprises/${encodeURIComponent(e.enterprise)}`)} data-testid={`row-${e.enterprise}`}>
                  <td className="num-col muted">{i + 1}</td>
                  <td>
                    <div className="ent-name">{e.name}</div>
                    <div className="ent-id">{e.enterprise}</div>
                  </td>
                  <td className="num-col">{formatNumber(locale, e.loadKw, 0)}</td>
                  <td className="num-col">{formatNumber(locale, e.todayKwh, 0)}</td>
                  <td className="num-col">{formatNumber(locale, e.todayTce, 2)}</td>
                  <td className="num-col">{formatNumber(locale, e.todayTco2, 2)}</td>
                  <td className="num-col">{formatNumber(locale, e.intensityTcePer10kCny, 3)}</td>
                  <td className="num-col">{e.greenSharePct === null ? NO_VALUE : formatPct(locale, e.greenSharePct)}</td>
                  <td>
                    <LevelBadge level={e.budget.level} text={`${t(`levels.${e.budget.level}`)}${e.budget.usedPct === null ? '' : ` ${formatNumber(locale, e.budget.usedPct, 0)}%`}`} />
                  </td>
                  <td>
                    <GreenCodeBadge colour={e.greenCode.colour} reasons={e.greenCode.reasons} />
                  </td>
                  <td className={`num-col${e.activeAlerts > 0 ? ' alert-num' : ' muted'}`}>{e.activeAlerts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </div>
  );
}
