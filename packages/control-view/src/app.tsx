import type { Principal } from '@lingtan/schema';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError } from './api/client.js';
import type { ParkResponse } from './api/types.js';
import { Notice } from './components/stat-tile.js';
import { homePath } from './lib/access.js';
import { navigate, usePath } from './lib/navigation.js';
import { LiveContext } from './live/hooks.js';
import { LiveStore } from './live/live-store.js';
import { Shell } from './shell.js';
import { LoginView } from './views/login.js';

type Boot = { readonly kind: 'checking' } | { readonly kind: 'signed-out' } | { readonly kind: 'failed'; readonly message: string } | { readonly kind: 'signed-in'; readonly principal: Principal; readonly park: ParkResponse };

/** Boots the session (`/me`, `/park`), then the shell; signed out -> the login page. */
export function App() {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ kind: 'checking' });
  const live = useMemo(() => new LiveStore(), []);
  const path = usePath();

  const enter = useCallback(async (principal: Principal) => {
    const park = await api.park();
    setBoot({ kind: 'signed-in', principal, park });
  }, []);

  useEffect(() => {
    api.me().then(
      (me) => enter(me.principal),
      (err: unknown) => {
        if (err instanceof ApiRequestError && err.status === 401) setBoot({ kind: 'signed-out' });
        else setBoot({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      },
    ).catch((err: unknown) => setBoot({ kind: 'failed', message: String(err) }));
  }, [enter]);

  useEffect(() => {
    if (boot.kind !== 'signed-in') return undefined;
    live.start();
    return () => live.stop();
  }, [boot.kind, live]);

  const logout = useCallback(() => {
    void api.logout().finally(() => {
      live.stop();
      setBoot({ kind: 'signed-out' });
      navigate('/login', true);
    });
  }, [live]);

  switch (boot.kind) {
    case 'checking':
      return <Notice kind="loading">{t('common.loading')}</Notice>;
    case 'failed':
      return <Notice kind="error">{`${t('common.error')}: ${boot.message}`}</Notice>;
    case 'signed-out':
      return (
        <LoginView
          onSignedIn={async (principal) => {
            await enter(principal);
            navigate(path === '/login' ? homePath(principal) : path, true);
          }}
        />
      );
    case 'signed-in':
      return (
        <LiveContext value={live}>
          <Shell principal={boot.principal} park={boot.park} logout={logout} path={path} />
        </LiveContext>
      );
  }
}
