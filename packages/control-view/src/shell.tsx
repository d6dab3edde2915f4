import type { Principal } from '@lingtan/schema';
import { Suspense, useEffect, useMemo } from 'react';
import type { ParkResponse } from './api/types.js';
import { ConnectionBanner } from './components/connection-banner.js';
import { Header } from './components/header.js';
import { Nav } from './components/nav.js';
import { drivesSimulator, editsRegistry, homePath, seesEnterprise, seesPark } from './lib/access.js';
import { navigate } from './lib/navigation.js';
import { parseRoute, type Route } from './lib/routes.js';
import { SessionContext } from './session.js';
import { AlertsView, EnterpriseDetailView, EnterprisesView, HistoryView, OverviewView, PageLoading, QualityView, RegistryAdminView, SimulationView } from './views/lazy-pages.js';
import { NoAccessView, NotFoundView } from './views/no-access.js';

function page(route: Route, principal: Principal) {
  const park = seesPark(principal);
  switch (route.page) {
    case 'overview':
      return park ? <OverviewView /> : <NoAccessView />;
    case 'enterprises':
      return park ? <EnterprisesView /> : <NoAccessView />;
    case 'enterprise':
      return seesEnterprise(principal, route.id) ? <EnterpriseDetailView key={route.id} id={route.id} /> : <NoAccessView />;
    case 'alerts':
      return <AlertsView />;
    case 'history':
      return <HistoryView />;
    case 'quality':
      return park ? <QualityView /> : <NoAccessView />;
    case 'registry':
      return editsRegistry(principal) ? <RegistryAdminView /> : <NoAccessView />;
    case 'simulation':
      return drivesSimulator(principal) ? <SimulationView /> : <NoAccessView />;
    case 'login':
      return null;
    case 'not-found':
      return <NotFoundView />;
  }
}

/** The signed-in layout: header, left nav, the page of the current path. */
export function Shell(props: { readonly principal: Principal; readonly park: ParkResponse; readonly logout: () => void; readonly path: string }) {
  const route = parseRoute(props.path);
  const session = useMemo(() => ({ principal: props.principal, park: props.park, logout: props.logout }), [props.principal, props.park, props.logout]);
  useEffect(() => {
    // Signed in at /login, or an enterprise user at the park's start page: go home.
    if (route.page === 'login' || (route.page === 'overview' && !seesPark(props.principal))) navigate(homePath(props.principal), true);
  }, [route.page, props.principal]);
  return (
    <SessionContext value={session}>
      <div className="layout">
        <Header />
        <Nav path={props.path} />
        <main className="content">
          <ConnectionBanner />
          <Suspense fallback={<PageLoading />}>{page(route, props.principal)}</Suspense>
        </main>
      </div>
    </SessionContext>
  );
}
