import { lazy } from 'react';
import { useTranslation } from 'react-i18next';

// Each page is its own chunk, fetched the first time someone opens it: the wall screen's
// overview does not wait for the history explorer, and ECharts (its own vendor chunk, see
// vite.config.ts) loads beside the first page that draws a chart.
export const OverviewView = lazy(() => import('./overview.js').then((m) => ({ default: m.OverviewView })));
export const EnterprisesView = lazy(() => import('./enterprises.js').then((m) => ({ default: m.EnterprisesView })));
export const EnterpriseDetailView = lazy(() => import('./enterprise-detail.js').then((m) => ({ default: m.EnterpriseDetailView })));
export const AlertsView = lazy(() => import('./alerts.js').then((m) => ({ default: m.AlertsView })));
export const HistoryView = lazy(() => import('./history.js').then((m) => ({ default: m.HistoryView })));
export const QualityView = lazy(() => import('./quality.js').then((m) => ({ default: m.QualityView })));
export const RegistryAdminView = lazy(() => import('./registry-admin.js').then((m) => ({ default: m.RegistryAdminView })));
export const SimulationView = lazy(() => import('./simulation.js').then((m) => ({ default: m.SimulationView })));

/** What a page shows while its chunk loads: the page's frame with shimmering panels, not a blank screen. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status" aria-live="polite" data-testid="page-loading">
      <div className="skeleton skeleton-title" />
      <div className="skeleton-row">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="skeleton skeleton-tile" />
        ))}
      </div>
      <div className="skeleton skeleton-panel" />
      <span className="page-loading-text">{t('common.loading')}</span>
    </div>
  );
}
