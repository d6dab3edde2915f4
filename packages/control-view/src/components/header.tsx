import { useTranslation } from 'react-i18next';
import { setLocale } from '../i18n/index.js';
import { formatTime } from '../lib/format.js';
import { useConnection, useNow } from '../live/hooks.js';
import { useLocale } from '../lib/use-locale.js';
import { useSession } from '../session.js';

/** The connection dot and word: green live, amber reconnecting, red offline. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useConnection();
  return (
    <div className={`conn conn-${state}`} data-testid="connection" data-state={state} role="status" aria-live="polite">
      <span className="conn-dot" />
      {t(`conn.${state}`)}
    </div>
  );
}

/** The top bar: brand, park name, park clock, connection, language switch, user menu. */
export function Header() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { principal, park, logout } = useSession();
  const now = useNow();
  const tz = park.park.timezone;
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          碳
        </span>
        <div>
          <div className="brand-name">{t('app.brand')}</div>
          <div className="brand-sub">{t('app.subtitle')}</div>
        </div>
      </div>
      <h1 className="park-name" data-testid="park-name">
        {park.park.name}
      </h1>
      <div className="topbar-right">
        <div className="clock" title={`${t('header.parkTime')} (${tz})`}>
          <span className="clock-time" data-testid="clock">
            {formatTime(locale, now, tz, 'time')}
          </span>
          <span className="clock-date">
            {formatTime(locale, now, tz, 'date')} · {tz}
          </span>
        </div>
        <ConnectionIndicator />
        <button type="button" className="btn btn-ghost" data-testid="lang-switch" title={t('header.languageTitle')} onClick={() => void setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {t('header.language')}
        </button>
        <details className="user-menu">
          <summary data-testid="user-menu">
            <span className="avatar">{principal.displayName.slice(0, 1)}</span>
            <span className="user-name">{principal.displayName}</span>
          </summary>
          <div className="user-pop">
            <div className="user-role">{t(`roles.${principal.role}`)}</div>
            <div className="user-meta">{principal.userId}</div>
            <div className="user-meta">
              {t('header.factorSet')}: {park.factorSet}
            </div>
            <button type="button" className="btn" data-testid="logout" onClick={logout}>
              {t('header.logout')}
            </button>
          </div>
        </details>
      </div>
    </header>
  );
}
