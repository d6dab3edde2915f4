import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { StaleMark } from '../components/badges.js';
import { EChart } from '../components/echart.js';
import { Notice, Panel } from '../components/stat-tile.js';
import { groupSmallEnterprises, SANKEY_ENTERPRISES, sankeyOption, timeSeriesOption } from '../lib/chart-options.js';
import { formatTime, withUnit } from '../lib/format.js';
import { withGaps } from '../lib/live-merge.js';
import { isStale, SUMMARY_STALE_MS } from '../lib/stale.js';
import { useLocale } from '../lib/use-locale.js';
import { useLive, useNow, useRooms } from '../live/hooks.js';
import { useSession } from '../session.js';
import { BudgetAndAlerts, PowerTiles } from './overview-figures.js';

const PARK_ROOM = [{ kind: 'park' }] as const;
/** A summary not refreshed for this long means the feed stopped, whatever its readings say. */
const SUMMARY_SILENT_MS = 10_000;

/** The park overview: live figures, budgets, alerts, the energy-flow Sankey and the live load line. */
export function OverviewView() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { park } = useSession();
  useRooms(PARK_ROOM);
  const live = useLive();
  const now = useNow();
  const s = live.park;
  const tz = park.park.timezone;

  const sankey = useMemo(() => {
    if (s === null) return null;
    // Sources and carriers are named in the view's language; enterprises keep their names.
    const nodes = s.flows.nodes.map((n) => (n.kind === 'enterprise' ? n : { ...n, name: t(`overview.flowNodes.${n.id}`, { defaultValue: n.name, keySeparator: '.', nsSeparator: false }) }));
    const g = groupSmallEnterprises(nodes, s.flows.links, SANKEY_ENTERPRISES, t('overview.otherEnterprises'));
    return sankeyOption(g.nodes, g.links, (kw) => withUnit(locale, kw, 'kW', 0));
  }, [s, locale, t]);
  const line = useMemo(
    () =>
      timeSeriesOption({
        series: [{ name: t('overview.load'), points: withGaps(live.parkLoad, SUMMARY_SILENT_MS) }],
        unit: 'kW',
        formatAxisTime: (ms) => formatTime(locale, ms, tz, 'time'),
        formatTooltipTime: (ms) => formatTime(locale, ms, tz, 'time'),
        formatValue: (v) => withUnit(locale, v, 'kW', 0),
        area: true,
      }),
    [live.parkLoad, locale, tz, t],
  );

  if (s === null) return <Notice kind="loading">{live.refused.get('park') ?? t('common.loading')}</Notice>;
  // With the feed down nothing new can arrive: the figures are last known, not current.
  const stale = !live.connected || isStale(s.lastReadingMs, now, SUMMARY_STALE_MS) || isStale(s.atMs, now, SUMMARY_SILENT_MS) ? <StaleMark lastMs={s.lastReadingMs} nowMs={now} timeZone={tz} /> : undefined;

  return (
    <div className="page overview" data-testid="overview">
      <div className="page-head">
        <h2 className="page-title">{t('nav.overview')}</h2>
        <div className="page-meta">
          {t('common.updated', { time: formatTime(locale, s.atMs, tz, 'time') })} · {t('overview.meters')} {s.quality.metersOnline}/{s.quality.metersTotal} · {t('header.factorSet')} {s.factorSet}
        </div>
      </div>
      <PowerTiles s={s} stale={stale} />
      <BudgetAndAlerts s={s} />
      <div className="grid-2">
        <Panel title={t('overview.flows')} className="span-2" testId="sankey">
          {sankey === null ? null : <EChart option={sankey} height={340} />}
        </Panel>
        <Panel title={t('overview.loadCurve')} testId="load-line">
          <EChart option={line} height={340} />
        </Panel>
      </div>
    </div>
  );
}
