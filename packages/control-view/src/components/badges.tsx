import type { LiveLevel, Severity } from '@lingtan/schema';
import { useTranslation } from 'react-i18next';
import { ageParts, formatTime } from '../lib/format.js';
import { useLocale } from '../lib/use-locale.js';

/** A budget level as a coloured pill with its word (colour is never the only signal). */
export function LevelBadge(props: { readonly level: LiveLevel; readonly text?: string }) {
  const { t } = useTranslation();
  return <span className={`pill level-${props.level}`}>{props.text ?? t(`levels.${props.level}`)}</span>;
}

/** 零碳绿码 with its reasons on hover (title) and for screen readers. */
export function GreenCodeBadge(props: { readonly colour: 'green' | 'yellow' | 'red' | 'grey'; readonly reasons: readonly string[] }) {
  const { t } = useTranslation();
  const reasons = props.reasons.length > 0 ? `${t('greenCode.reasons')}: ${props.reasons.join('; ')}` : undefined;
  return (
    <span className={`pill code code-${props.colour}`} title={reasons} aria-label={reasons === undefined ? undefined : `${t(`greenCode.${props.colour}`)}. ${reasons}`}>
      <span className="code-dot" />
      {t(`greenCode.${props.colour}`)}
    </span>
  );
}

/** An alert severity. */
export function SeverityBadge(props: { readonly severity: Severity }) {
  const { t } = useTranslation();
  return <span className={`pill sev-${props.severity}`}>{t(`severity.${props.severity}`)}</span>;
}

/** The 'stale' mark beside a value too old to be current, with its age (the time on hover). */
export function StaleMark(props: { readonly lastMs: number | null; readonly nowMs: number; readonly timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const age = props.lastMs === null ? null : ageParts(props.nowMs, props.lastMs);
  const ago = age === null ? null : t(`common.ago_${age.unit}`, { count: age.value });
  const title = props.lastMs === null ? t('common.none') : t('common.staleTitle', { time: formatTime(locale, props.lastMs, props.timeZone), age: ago });
  return (
    <span className="stale-mark" title={title} data-testid="stale">
      {t('common.stale')}
      {ago === null ? null : <span className="stale-age"> · {ago}</span>}
    </span>
  );
}
