import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, monthlyReportUrl } from '../api/client.js';
import { RESOLUTIONS, type HistoryResponse, type Resolution } from '../api/types.js';
import { EChart } from '../components/echart.js';
import { Notice, Panel } from '../components/stat-tile.js';
import { timeSeriesOption } from '../lib/chart-options.js';
import { seriesToCsv } from '../lib/csv.js';
import { autoDigits, formatTime, localDateParts, parkDayStartMs, withUnit } from '../lib/format.js';
import { unitOf, HISTORY_QUANTITIES } from '../lib/units.js';
import { useFetch } from '../lib/use-fetch.js';
import { useLocale } from '../lib/use-locale.js';
import { useSession } from '../session.js';

const DAY_MS = 86_400_000;

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** The history explorer: an enterprise or some of its meters, a quantity, a range and a resolution; chart, CSV, monthly reports. */
export function HistoryView() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { principal, park } = useSession();
  const tz = park.park.timezone;
  const today = localDateParts(Date.now(), tz).date;
  const [enterprise, setEnterprise] = useState(principal.enterprise ?? park.enterprises[0]?.id ?? '');
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [quantity, setQuantity] = useState<string>('power_kw');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [resolution, setResolution] = useState<Resolution>('15m');
  const [kind, setKind] = useState<'line' | 'bar'>('line');
  const [month, setMonth] = useState(today.slice(0, 7));
  const [asked, setAsked] = useState(0);

  const meters = useFetch(() => api.enterprise(enterprise), enterprise);
  const fromMs = parkDayStartMs(from, tz);
  const toMs = parkDayStartMs(to, tz) + DAY_MS;
  const query = { enterprise, meter: picked.length > 0 ? picked.join(',') : undefined, quantity, from: fromMs, to: toMs, resolution };
  const result = useFetch<HistoryResponse>(
    () => api.history(picked.length > 0 ? { ...query, enterprise: undefined } : { ...query, meter: undefined }),
    `${JSON.stringify(query)}#${asked}`,
  );
  const meterName = useMemo(() => new Map((meters.status === 'ok' ? meters.data.meters : []).map((m) => [m.id, m.name ?? m.id])), [meters]);
  const unit = unitOf(quantity);
  const series = result.status === 'ok' ? result.data.series.map((s) => ({ name: meterName.get(s.meter) ?? s.meter, points: s.points, unit: s.unit })) : [];
  const option = useMemo(
    () =>
      timeSeriesOption({
        series,
        unit,
        kind,
        zoom: true,
        formatAxisTime: (ms) => formatTime(locale, ms, tz, toMs - fromMs > DAY_MS ? 'date' : 'hm'),
        formatTooltipTime: (ms) => formatTime(locale, ms, tz, 'datetime'),
        formatValue: (v) => withUnit(locale, v, unit, autoDigits(v)),
      }),
    // series is derived from result and meterName.
    [result, meterName, unit, kind, locale, tz, fromMs, toMs],
  );
  const exportCsv = (): void =>
    download(
      `lingtan-${enterprise}-${quantity}-${from}_${to}.csv`,
      seriesToCsv(series.map((s) => ({ label: s.name, unit: s.unit, points: s.points })), t('history.time'), (ms) => formatTime(locale, ms, tz, 'datetime')),
    );

  return (
    <div className="page" data-testid="history">
      <Panel title={t('history.title')}>
        <div className="form-row">
          <label>
            {t('history.byEnterprise')}
            <select value={enterprise} onChange={(e) => { setEnterprise(e.target.value); setPicked([]); }} disabled={principal.role === 'enterprise_user'}>
              {park.enterprises.map((e) => (
                <option key={e.id} value={e.id}>{e.name}</option>
              ))}
            </select>
          </label>
          <label>
            {t('history.byMeters')}
            <select multiple size={4} value={[...picked]} onChange={(e) => setPicked([...e.target.selectedOptions].map((o) => o.value))} className="multi">
              {(meters.status === 'ok' ? meters.data.meters : []).map((m) => (
                <option key={m.id} value={m.id}>{m.name ?? m.id}</option>
              ))}
            </select>
          </label>
          <label>
            {t('history.quantity')}
            <select value={quantity} onChange={(e) => setQuantity(e.target.value)} data-testid="history-quantity">
              {HISTORY_QUANTITIES.map((q) => (
                <option key={q} value={q}>{`${t(`quantities.${q}`)} (${unitOf(q)})`}</option>
              ))}
            </select>
          </label>
          <label>
            {t('history.from')}
            <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('history.to')}
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label>
            {t('history.resolution')}
            <select value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
              {RESOLUTIONS.map((r) => (
                <option key={r} value={r}>{t(`history.res.${r}`)}</option>
              ))}
            </select>
          </label>
          <div className="form-actions">
            <div className="seg">
              <button type="button" className={kind === 'line' ? 'active' : ''} onClick={() => setKind('line')}>{t('history.chartLine')}</button>
              <button type="button" className={kind === 'bar' ? 'active' : ''} onClick={() => setKind('bar')}>{t('history.chartBar')}</button>
            </div>
            <button type="button" className="btn btn-primary" onClick={() => setAsked(asked + 1)}>{t('history.query')}</button>
            <button type="button" className="btn" onClick={exportCsv} disabled={series.length === 0} data-testid="export-csv">{t('history.exportCsv')}</button>
          </div>
        </div>
        {result.status === 'error' ? <Notice kind="error">{result.message}</Notice> : result.status === 'loading' ? <Notice kind="loading">{t('common.loading')}</Notice> : series.length === 0 ? <Notice kind="empty">{t('common.none')}</Notice> : null}
        <EChart option={option} height={420} replace testId="history-chart" />
      </Panel>
      {principal.role === 'engineer' ? null : (
        <Panel title={t('history.reports')}>
          <div className="form-row">
            <label>
              {t('history.month')}
              <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
            </label>
            <div className="form-actions">
              {(['csv', 'xlsx'] as const).map((f) => (
                <a key={f} className="btn" href={monthlyReportUrl('enterprise', enterprise, month, f)} download>
                  {park.enterprises.find((e) => e.id === enterprise)?.name ?? enterprise} · {t(f === 'csv' ? 'history.reportCsv' : 'history.reportXlsx')}
                </a>
              ))}
              {principal.role === 'enterprise_user' ? null : (['csv', 'xlsx'] as const).map((f) => (
                <a key={`park-${f}`} className="btn" href={monthlyReportUrl('park', park.park.id, month, f)} download>
                  {park.park.name} · {t(f === 'csv' ? 'history.reportCsv' : 'history.reportXlsx')}
                </a>
              ))}
            </div>
          </div>
        </Panel>
      )}
    </div>
  );
}
