import { useTranslation } from 'react-i18next';
import { Link } from '../components/link.js';
import { homePath } from '../lib/access.js';
import { useSession } from '../session.js';

/** Shown for a page the signed-in person may not open (the gateway would refuse it anyway). */
export function NoAccessView() {
  const { t } = useTranslation();
  const { principal } = useSession();
  return (
    <div className="empty-page" data-testid="no-access">
      <div className="empty-icon" aria-hidden="true">
        ⛔
      </div>
      <h2>{t('noAccess.title')}</h2>
      <p>{t('noAccess.body')}</p>
      <Link to={homePath(principal)} className="btn">
        {principal.role === 'enterprise_user' ? t('noAccess.back') : t('notFound.back')}
      </Link>
    </div>
  );
}

/** An unknown path. */
export function NotFoundView() {
  const { t } = useTranslation();
  const { principal } = useSession();
  return (
    <div className="empty-page" data-testid="not-found">
      <h2>{t('notFound.title')}</h2>
      <Link to={homePath(principal)} className="btn">
        {t('notFound.back')}
      </Link>
    </div>
  );
}
