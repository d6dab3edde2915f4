import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { Notice, Panel, StatTile } from '../components/stat-tile.js';
import { ageParts, formatPct, formatTime } from '../lib/format.js';
import { useFetch } from '../lib/use-fetch.js';
import { useLocale } from '../lib/use-locale.js';
import { useLive, useNow } from '../live/hooks.js';
import { useSession } from '../session.js';

/** Data quality: meters offline, completeness per enterprise, dead letters by reason (refreshed every 30 s). */
export function QualityView() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { park } = useSession();
  const live = useLive();
  const now = useNow();
  const tz = park.park.timezone;
  const q = useFetch(() => api.quality(), String(Math.floor(now / 30_000)), live.epoch);
  if (q.status === 'loading') return <Notice kind="loading">{t('common.loading')}</Notice>;
  if (q.status === 'error') return <Notice kind="error">{q.message}</Notice>;
  const names = new Map(park.enterprises.map((e) => [e.id, e.name]));
  const offline = q.data.meters.filter((m) => !m.online);
  const codes = Object.entries(q.data.deadLetters.byCode).sort((a, b) => b[1] - a[1]);
  const completeness = [...q.data.completeness].sort((a, b) => a.pct - b.pct);
  return (
    <div className="page" data-testid="quality">
      <div className="tiles">
        <StatTile label={t('quality.offline')} value={offline.length} unit={`/ ${q.data.meters.length}`} digits={0} tone={offline.length > 0 ? 'red' : 'green'} />
        <StatTile label={t('quality.deadLetters')} value={q.data.deadLetters.today} unit="" digits={0} tone={q.data.deadLetters.today > 0 ? 'orange' : 'green'} />
      </div>
      <div className="grid-3">
        <Panel title={`${t('quality.offline')} (${offline.length})`} className="span-2">
          {offline.length === 0 ? (
            <Notice kind="empty">{t('quality.allOnline')}</Notice>
          ) : (
            <table className="table" data-testid="offline-meters">
              <thead>
                <tr>
                  <th>{t('enterprise.meter')}</th>
                  <th>{t('alerts.enterprise')}</th>
                  <th>{t('enterprise.carrier')}</th>
                  <th>{t('quality.lastReading')}</th>
                </tr>
              </thead>
              <tbody>
                {offline.map((m) => {
                  const age = m.lastReadingMs === null ? null : ageParts(now, m.lastReadingMs);
                  return (
                    <tr key={m.meter}>
                      <td className="mono">{m.meter}</td>
                      <td>{names.get(m.enterprise) ?? m.enterprise}</td>
                      <td>{t(`carriers.${m.carrier}`)}</td>
                      <td className="nowrap">
                        {formatTime(locale, m.lastReadingMs, tz)} {age === null ? '' : `(${t(`common.ago_${age.unit}`, { count: age.value })})`}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel title={t('quality.byCode')}>
          {codes.length === 0 ? (
            <Notice kind="empty">{t('common.none')}</Notice>
          ) : (
            <table className="table">
              <tbody>
                {codes.map(([code, n]) => (
                  <tr key={code}>
                    <td className="mono">{code}</td>
                    <td className="num-col">{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
      <Panel title={t('quality.completeness')}>
        <div className="completeness" data-testid="completeness">
          {completeness.map((c) => (
            <div key={c.enterprise} className="cost-row">
              <span className="cost-label">{names.get(c.enterprise) ?? c.enterprise}</span>
              <div className="bar">
                <div className={`bar-fill level-${c.pct >= 98 ? 'green' : c.pct >= 90 ? 'yellow' : 'red'}`} style={{ width: `${Math.min(100, c.pct)}%` }} />
              </div>
              <span className="cost-value">{formatPct(locale, c.pct)}</span>
            </div>
          ))}
        </div>
      </Panel>
    </div>
  );
}
