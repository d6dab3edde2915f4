import { useTranslation } from 'react-i18next';
import { ageParts, formatTime } from '../lib/format.js';
import { useLocale } from '../lib/use-locale.js';
import { useConnection, useLive, useNow } from '../live/hooks.js';
import { useSession } from '../session.js';

/**
 * A strip across the page while the live feed is down: the dot in the header is easy to
 * miss on a wall screen, and figures that stopped moving look just like a quiet park. It
 * says since when the screen has been frozen; it goes once the feed is back (the views then
 * refetch their snapshots). Nothing shows before the first connection (the page is loading).
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const locale = useLocale();
  const live = useLive();
  const state = useConnection();
  const now = useNow();
  const { park } = useSession();
  if (state === 'connected' || live.epoch === 0 || live.disconnectedSinceMs === null) return null;
  const since = live.disconnectedSinceMs;
  const age = ageParts(now, since);
  return (
    <div className={`conn-banner conn-banner-${state}`} role="alert" data-testid="conn-banner" data-state={state}>
      <span className="conn-banner-dot" />
      {t(`connBanner.${state}`, { time: formatTime(locale, since, park.park.timezone, 'time'), age: t(`common.ago_${age.unit}`, { count: age.value }) })}
    </div>
  );
}
