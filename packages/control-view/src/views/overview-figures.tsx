import type { LiveLevel, ParkSummary } from '@lingtan/schema';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LevelBadge, SeverityBadge } from '../components/badges.js';
import { StatTile } from '../components/stat-tile.js';
import { formatNumber, formatPct, withUnit } from '../lib/format.js';
import { SEVERITY_ORDER } from '../lib/live-merge.js';
import { useLocale } from '../lib/use-locale.js';

/** The power tiles of the overview: load, PV, storage, grid, CHP heat, green shares, carbon rate. */
export function PowerTiles(props: { readonly s: ParkSummary; readonly stale: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const p = props.s.power;
  const storageState = p.storageKw > 0.5 ? t('overview.discharging') : p.storageKw < -0.5 ? t('overview.charging') : t('overview.idle');
  return (
    <div className="tiles">
      <StatTile label={t('overview.load')} value={p.loadKw} unit="kW" testId="park-load" stale={props.stale} wide />
      <StatTile label={t('overview.pv')} value={p.pvKw} unit="kW" tone="pv" stale={props.stale} />
      <StatTile
        label={t('overview.storage')}
        value={p.storageKw}
        unit="kW"
        stale={props.stale}
        sub={`${storageState} · ${t('overview.soc')} ${formatPct(locale, p.storageSocPct)}`}
      />
      <StatTile label={t('overview.gridImport')} value={p.gridImportKw} unit="kW" stale={props.stale} sub={`${t('overview.gridExport')} ${withUnit(locale, p.gridExportKw, 'kW', 0)}`} />
      <StatTile label={t('overview.greenNow')} value={props.s.greenShare.nowPct} unit="%" digits={1} tone="green" stale={props.stale} sub={`${t('overview.greenToday')} ${formatPct(locale, props.s.greenShare.todayPct)}`} />
      <StatTile label={t('overview.carbonRate')} value={props.s.carbon.rateTco2PerH} unit="tCO₂/h" digits={2} stale={props.stale} sub={`${t('overview.chpHeat')} ${withUnit(locale, p.chpHeatKw, 'kW', 0)}`} />
    </div>
  );
}

/** Today's figure against its budget: a bar in the level's colour, the value and the share used. */
function BudgetBar(props: { readonly label: string; readonly value: number; readonly budget: number | null; readonly unit: string; readonly level: LiveLevel; readonly testId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const pct = props.budget !== null && props.budget > 0 ? (props.value / props.budget) * 100 : null;
  return (
    <div className="budget" data-testid={props.testId}>
      <div className="budget-head">
        <span className="tile-label">{props.label}</span>
        <LevelBadge level={props.level} />
      </div>
      <div className="tile-value">
        <span className="num">{formatNumber(locale, props.value, 2)}</span>
        <span className="unit">{props.unit}</span>
        <span className="budget-of">
          / {props.budget === null ? '—' : withUnit(locale, props.budget, props.unit, 1)} {t('common.budget')}
        </span>
      </div>
      <div className="bar" role="progressbar" aria-valuenow={pct ?? undefined} aria-valuemin={0} aria-valuemax={100}>
        <div className={`bar-fill level-${props.level}`} style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
      </div>
      <div className="tile-sub">{pct === null ? t('levels.grey') : `${formatPct(locale, pct)} ${t('common.of')}`}</div>
    </div>
  );
}

/** Budgets, the zero-carbon indicator and the open alerts by severity. */
export function BudgetAndAlerts(props: { readonly s: ParkSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const z = props.s.zeroCarbon;
  const zcTone = z.status === 'met' ? 'green' : z.status === 'near' ? 'yellow' : z.status === 'missed' ? 'red' : 'grey';
  return (
    <div className="tiles tiles-4">
      <BudgetBar label={t('overview.todayEnergy')} value={props.s.energy.todayTce} budget={props.s.energy.budgetTce} unit="tce" level={props.s.energy.level} testId="budget-energy" />
      <BudgetBar label={t('overview.todayCarbon')} value={props.s.carbon.todayTco2} budget={props.s.carbon.budgetTco2} unit="tCO₂" level={props.s.carbon.level} testId="budget-carbon" />
      <div className="budget" data-testid="zero-carbon">
        <div className="budget-head">
          <span className="tile-label">{t('overview.zeroCarbon')}</span>
          <span className={`pill level-${zcTone}`}>{t(`overview.zc.${z.status}`)}</span>
        </div>
        <div className="tile-value">
          <span className="num">{formatNumber(locale, z.tco2PerTce, 2)}</span>
          <span className="unit">tCO₂/tce</span>
          {z.provisional ? (
            <span className="pill provisional" title={t('overview.provisionalTitle')}>
              {t('overview.provisional')}
            </span>
          ) : null}
        </div>
        <div className="tile-sub">
          {t('overview.threshold')} ≤ {withUnit(locale, z.thresholdTco2PerTce, 'tCO₂/tce', 2)}
        </div>
      </div>
      <div className="budget" data-testid="alert-counts">
        <div className="budget-head">
          <span className="tile-label">{t('overview.activeAlerts')}</span>
        </div>
        <div className="sev-counts">
          {SEVERITY_ORDER.map((sev) => (
            <div key={sev} className={`sev-count${props.s.alerts[sev] > 0 ? '' : ' zero'}`}>
              <SeverityBadge severity={sev} />
              <span className="num">{props.s.alerts[sev]}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
