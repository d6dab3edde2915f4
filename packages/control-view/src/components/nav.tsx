import { useTranslation } from 'react-i18next';
import { drivesSimulator, editsRegistry, seesPark } from '../lib/access.js';
import { useLive } from '../live/hooks.js';
import { useSession } from '../session.js';
import { Link } from './link.js';

interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly icon: string;
  readonly badge?: number;
}

/** The left navigation; an enterprise user gets only its own enterprise's pages. */
export function Nav(props: { readonly path: string }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const live = useLive();
  let openAlerts = 0;
  for (const a of live.alerts.values()) if (a.state === 'active') openAlerts += 1;
  const items: NavItem[] = seesPark(principal)
    ? [
        { to: '/', label: t('nav.overview'), icon: '◉' },
        { to: '/enterprises', label: t('nav.enterprises'), icon: '▤' },
        { to: '/alerts', label: t('nav.alerts'), icon: '⚠', badge: openAlerts },
        { to: '/history', label: t('nav.history'), icon: '∿' },
        { to: '/quality', label: t('nav.quality'), icon: '✓' },
        ...(editsRegistry(principal) ? [{ to: '/registry', label: t('registryAdmin.nav'), icon: '☰' }] : []),
        ...(drivesSimulator(principal) ? [{ to: '/simulation', label: t('simulation.title'), icon: '⚙' }] : []),
      ]
    : [
        { to: `/enterprises/${encodeURIComponent(principal.enterprise ?? '')}`, label: t('nav.myEnterprise'), icon: '▣' },
        { to: '/alerts', label: t('nav.alerts'), icon: '⚠', badge: openAlerts },
        { to: '/history', label: t('nav.history'), icon: '∿' },
      ];
  const active = (to: string): boolean => (to === '/' ? props.path === '/' : props.path === to || props.path.startsWith(`${to}/`));
  return (
    <nav className="sidenav" aria-label="main">
      {items.map((i) => (
        <Link key={i.to} to={i.to} className={`nav-item${active(i.to) ? ' active' : ''}`} data-testid={`nav-${i.to.split('/')[1] || 'overview'}`}>
          <span className="nav-icon" aria-hidden="true">
            {i.icon}
          </span>
          <span className="nav-label">{i.label}</span>
          {i.badge !== undefined && i.badge > 0 ? <span className="nav-badge">{i.badge}</span> : null}
        </Link>
      ))}
    </nav>
  );
}
