import type { Alert } from '@lingtan/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError } from '../api/client.js';
import { alertMessageText, clearedNote, recommendationText } from '../lib/alert-text.js';
import { formatTime } from '../lib/format.js';
import { useLocale } from '../lib/use-locale.js';
import { SeverityBadge } from './badges.js';

/** The acknowledge form of one alert: a comment, then POST .../acknowledge; the state changes when the rules service's event arrives. */
function AckForm(props: { readonly alert: Alert; readonly onSent: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const submit = (): void => {
    setState({ kind: 'busy' });
    api.acknowledge(props.alert.alertId, comment.trim()).then(props.onSent, (err: unknown) => setState({ kind: 'error', message: err instanceof ApiRequestError ? err.message : String(err) }));
  };
  return (
    <div className="ack-form" data-testid="ack-form">
      <input autoFocus placeholder={t('alerts.comment')} value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} data-testid="ack-comment" />
      <button type="button" className="btn btn-primary" disabled={state.kind === 'busy'} onClick={submit} data-testid="ack-confirm">
        {t('alerts.confirm')}
      </button>
      <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
        {t('alerts.cancel')}
      </button>
      {state.kind === 'error' ? (
        <span className="error-text" role="alert">
          {state.message}
        </span>
      ) : null}
    </div>
  );
}

/** How a cleared alert was cleared: by its condition, by the system (and why), or by whom, with the comment. */
function ClearedLine(props: { readonly alert: Alert; readonly timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const note = clearedNote(props.alert);
  if (note === undefined) return null;
  const comment = props.alert.cleared?.comment;
  return (
    <div className="muted small" data-testid="alert-cleared">
      {t(`alerts.${note.key}`, { by: note.by, time: formatTime(locale, note.atMs, props.timeZone, 'datetime') })}
      {comment === undefined ? '' : ` · ${comment}`}
    </div>
  );
}

/** Alerts as rows: severity, enterprise, meter, message, times, state; open ones can be acknowledged. */
export function AlertTable(props: {
  readonly alerts: readonly Alert[];
  readonly timeZone: string;
  readonly enterpriseName: (id: string) => string;
  readonly canAcknowledge: boolean;
  readonly fresh?: ReadonlySet<string>;
  readonly showEnterprise?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [acking, setAcking] = useState<string | null>(null);
  const [sent, setSent] = useState<ReadonlySet<string>>(new Set());
  if (props.alerts.length === 0) return <div className="notice notice-empty">{t('alerts.empty')}</div>;
  return (
    <div className="table-wrap">
      <table className="table alerts-table" data-testid="alert-table">
        <thead>
          <tr>
            <th>{t('alerts.severity')}</th>
            {props.showEnterprise === false ? null : <th>{t('alerts.enterprise')}</th>}
            <th>{t('alerts.meter')}</th>
            <th>{t('alerts.message')}</th>
            <th>{t('alerts.lastSeen')}</th>
            <th className="num-col">{t('alerts.count')}</th>
            <th>{t('alerts.state')}</th>
            <th>{t('alerts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.alerts.map((a) => (
            <tr key={a.alertId} className={`${props.fresh?.has(a.alertId) === true && a.state === 'active' ? 'fresh' : ''} row-${a.state}`} data-testid={`alert-${a.alertId}`} data-state={a.state}>
              <td>
                <SeverityBadge severity={a.severity} />
              </td>
              {props.showEnterprise === false ? null : <td>{a.owner.scope === 'park' ? '—' : props.enterpriseName(a.owner.id)}</td>}
              <td className="mono">{a.meter}</td>
              <td className="msg">
                <span data-testid="alert-message">{alertMessageText(a, locale)}</span>
                {a.recommendation === undefined ? null : (
                  <div className="recommendation small" data-testid="alert-recommendation">
                    <span className="recommendation-label">{t('recommendation')}</span>
                    {recommendationText(a.recommendation, locale)}
                  </div>
                )}
                {a.acknowledged === undefined ? null : (
                  <div className="muted small">
                    {t('alerts.ackedBy', { by: a.acknowledged.by, time: formatTime(locale, a.acknowledged.atMs, props.timeZone, 'datetime') })}
                    {a.acknowledged.comment === undefined ? '' : ` · ${a.acknowledged.comment}`}
                  </div>
                )}
                <ClearedLine alert={a} timeZone={props.timeZone} />
              </td>
              <td className="nowrap">{formatTime(locale, a.lastSeenMs, props.timeZone, 'datetime')}</td>
              <td className="num-col">{a.count}</td>
              <td>
                <span className={`state state-${a.state}`}>{t(`alertState.${a.state}`)}</span>
              </td>
              <td>
                {a.state !== 'active' || !props.canAcknowledge ? null : acking === a.alertId ? (
                  <AckForm
                    alert={a}
                    onSent={() => {
                      setSent(new Set(sent).add(a.alertId));
                      setAcking(null);
                    }}
                    onCancel={() => setAcking(null)}
                  />
                ) : sent.has(a.alertId) ? (
                  <span className="muted small">{t('alerts.sent')}</span>
                ) : (
                  <button type="button" className="btn btn-small" onClick={() => setAcking(a.alertId)} data-testid="ack-button">
                    {t('alerts.acknowledge')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
