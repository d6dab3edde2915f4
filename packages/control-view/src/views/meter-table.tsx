import type { MeterUpdate } from '@lingtan/schema';
import { useTranslation } from 'react-i18next';
import { StaleMark } from '../components/badges.js';
import type { LatestPoint, MeterRef } from '../api/types.js';
import { autoDigits, formatTime, withUnit } from '../lib/format.js';
import { isStale, meterStaleMs } from '../lib/stale.js';
import { unitOf } from '../lib/units.js';
import { useLocale } from '../lib/use-locale.js';

/** At most this many values per meter in the table: the headline ones (power first). */
const SHOWN_VALUES = 4;
const PRIORITY = ['power_kw', 'soc_pct', 'heat_power_kw', 'steam_flow_th', 'gas_flow_nm3h', 'water_flow_m3h', 'load_rate_pct'];

function headline(values: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(values)
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .slice(0, SHOWN_VALUES);
}

function rank(q: string): number {
  const i = PRIORITY.indexOf(q);
  return i === -1 ? PRIORITY.length + (q.endsWith('_kwh') ? 0 : 1) : i;
}

/** The enterprise's meters with their newest values; a value older than 3 intervals is greyed and marked stale. */
export function MeterTable(props: {
  readonly meters: readonly MeterRef[];
  readonly latest: ReadonlyMap<string, LatestPoint | MeterUpdate>;
  readonly nowMs: number;
  readonly timeZone: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="meter-table">
        <thead>
          <tr>
            <th>{t('enterprise.meter')}</th>
            <th>{t('enterprise.carrier')}</th>
            <th>{t('enterprise.role')}</th>
            <th>{t('enterprise.latest')}</th>
            <th>{t('enterprise.time')}</th>
          </tr>
        </thead>
        <tbody>
          {props.meters.map((m) => {
            const p = props.latest.get(m.id);
            const stale = isStale(p?.ts, props.nowMs, meterStaleMs(m.interval_s));
            return (
              <tr key={m.id} className={stale ? 'is-stale' : undefined} data-testid={`meter-${m.id}`}>
                <td>
                  <div className="ent-name">{m.name ?? m.id}</div>
                  <div className="ent-id">{m.id}</div>
                </td>
                <td>{t(`carriers.${m.carrier}`)}</td>
                <td>{t(`meterRoles.${m.role}`)}</td>
                <td>
                  <div className="values">
                    {p === undefined
                      ? '—'
                      : headline(p.values).map(([q, v]) => (
                          <span key={q} className="value-chip" title={t(`quantities.${q}`, { defaultValue: q })}>
                            <span className="muted">{t(`quantities.${q}`, { defaultValue: q })}</span> {withUnit(locale, v, unitOf(q), autoDigits(v))}
                          </span>
                        ))}
                  </div>
                </td>
                <td className="nowrap">
                  {p === undefined ? '—' : formatTime(locale, p.ts, props.timeZone, 'time')}
                  {stale ? <StaleMark lastMs={p?.ts ?? null} nowMs={props.nowMs} timeZone={props.timeZone} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
