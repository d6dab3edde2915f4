import type { Principal } from '@lingtan/schema';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError } from '../api/client.js';
import { setLocale } from '../i18n/index.js';
import { useLocale } from '../lib/use-locale.js';

/** Username and password -> POST /api/v1/auth/login; the gateway's message on refusal. */
export function LoginView(props: { readonly onSignedIn: (p: Principal) => Promise<void> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api
      .login(username, password)
      .then((r) => props.onSignedIn(r.principal))
      .catch((err: unknown) => {
        setError(err instanceof ApiRequestError ? err.message : err instanceof Error ? err.message : String(err));
        setBusy(false);
      });
  };

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} data-testid="login-form">
        <div className="login-brand">
          <span className="brand-mark">碳</span>
          <div>
            <div className="brand-name">{t('app.brand')}</div>
            <div className="brand-sub">{t('app.subtitle')}</div>
          </div>
          <button type="button" className="btn btn-ghost login-lang" onClick={() => void setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
            {t('header.language')}
          </button>
        </div>
        <h1>{t('login.title')}</h1>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error === null ? null : (
          <div className="login-error" role="alert" data-testid="login-error">
            {t('login.failed')}: {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
