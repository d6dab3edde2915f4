import type { SimCommandBody, SimFaultKind, SimStatus } from '@lingtan/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/client.js';
import { Notice, Panel, StatTile } from '../components/stat-tile.js';
import { ageParts, formatNumber, formatTime } from '../lib/format.js';
import { simApi } from '../lib/sim-api.js';
import { SIM_FAULT_DURATIONS_S, SIM_SPEEDS, SIM_VIEW_FAULTS, SIM_STATUS_STALE_MS, commandState, formatBytes, replayPct } from '../lib/sim-view.js';
import { useFetch } from '../lib/use-fetch.js';
import { useLocale } from '../lib/use-locale.js';
import { useNow } from '../live/hooks.js';
import { useSession } from '../session.js';

const MODE_LEVEL = { run: 'green', replay: 'yellow', paused: 'grey' } as const;

/** Sends commands and remembers the last one sent, so its answer can be matched in the status. */
function useSender(onSent: () => void) {
  const [sent, setSent] = useState<{ command?: { commandId: string; atMs: number }; error?: string }>({});
  const send = (body: SimCommandBody) => {
    setSent({});
    simApi.send(body).then(
      (r) => {
        setSent({ command: { commandId: r.commandId, atMs: Date.now() } });
        onSent();
      },
      (err: unknown) => setSent({ error: err instanceof ApiRequestError ? `${err.code}: ${err.message}` : String(err) }),
    );
  };
  return { sent, send };
}

/** 工程调试: the simulator's status (every 2.5 s) and its controls, for engineers and admins. */
export function SimulationView() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { park } = useSession();
  const now = useNow(500);
  const [asked, setAsked] = useState(0);
  const tick = `${Math.floor(now / 2500)}:${asked}`;
  const q = useFetch(() => simApi.status(), tick);
  const meters = useFetch(() => simApi.meters(), 'meters');
  const recordings = useFetch(() => simApi.recordings(), `rec:${Math.floor(now / 30_000)}`);
  const { sent, send } = useSender(() => setAsked((n) => n + 1));
  const tz = park.park.timezone;
  if (q.status === 'loading') return <Notice kind="loading">{t('common.loading')}</Notice>;
  if (q.status === 'error') return <Notice kind={q.code === 'sim_unavailable' ? 'empty' : 'error'}>{q.code === 'sim_unavailable' ? t('simulation.noStatus') : q.message}</Notice>;
  const { status, ageMs } = q.data;
  const age = ageParts(ageMs, 0);
  const stale = ageMs > SIM_STATUS_STALE_MS;
  return (
    <div className="page" data-testid="simulation">
      <div className="page-head">
        <h1 className="page-title">{t('simulation.title')}</h1>
        <span className={`page-meta${stale ? ' notice-error' : ''}`}>{t('simulation.age', { age: t(`common.ago_${age.unit}`, { count: age.value }) })}</span>
      </div>
      <div className="tiles">
        <div className="tile" data-testid="sim-mode">
          <div className="tile-label">{t('simulation.mode')}</div>
          <div className="tile-value">
            <span className={`pill level-${MODE_LEVEL[status.mode]}`}>{t(`simulation.modes.${status.mode}`)}</span>
          </div>
        </div>
        <StatTile label={t('simulation.speed')} value={status.speed} unit="×" digits={status.speed < 1 ? 1 : 0} testId="sim-speed" />
        <div className="tile" data-testid="sim-device-time">
          <div className="tile-label">{t('simulation.deviceTime')}</div>
          <div className="tile-value">
            <span className="num nowrap" style={{ fontSize: 22 }}>
              {formatTime(locale, Date.parse(status.deviceTime), tz)}
            </span>
          </div>
        </div>
        <StatTile label={t('simulation.published')} value={status.readingsPublished} unit="" digits={0} />
      </div>
      <div className="grid-3">
        <Panel title={t('simulation.controls')} className="span-2">
          {/* Keyed by the speed playing, so the selector follows a change made elsewhere (a replay's own speed, another engineer). */}
          <Controls key={status.speed} status={status} send={send} />
        </Panel>
        <Panel title={t('simulation.lastCommand')} testId="sim-last-command">
          <LastCommand status={status} sent={sent.command} error={sent.error} tz={tz} nowMs={now} />
        </Panel>
      </div>
      <div className="grid-3">
        <Panel title={t('simulation.faults')} className="span-2" testId="sim-faults">
          <FaultForm meters={meters.status === 'ok' ? meters.data.meters : []} send={send} disabled={status.replay !== null} />
          {status.faults.length === 0 ? (
            <Notice kind="empty">{t('simulation.noFaults')}</Notice>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('simulation.meter')}</th>
                  <th>{t('simulation.fault')}</th>
                  <th>{t('simulation.until')}</th>
                  <th>{t('simulation.by')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {status.faults.map((f) => (
                  <tr key={`${f.meter}:${f.fault}:${f.untilDeviceTime}`}>
                    <td className="mono">{f.meter}</td>
                    <td>{t(`simulation.faultKinds.${f.fault}`)}</td>
                    <td className="nowrap">{formatTime(locale, Date.parse(f.untilDeviceTime), tz)}</td>
                    <td>{f.by}</td>
                    <td>
                      <button type="button" className="btn btn-small" onClick={() => send({ kind: 'clear_faults', meter: f.meter })}>
                        {t('simulation.clear')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel title={t('simulation.replay')} testId="sim-replay">
          <ReplayForm status={status} recordings={recordings.status === 'ok' ? recordings.data.recordings : []} send={send} />
        </Panel>
      </div>
    </div>
  );
}

function Controls(props: { readonly status: SimStatus; readonly send: (b: SimCommandBody) => void }) {
  const { t } = useTranslation();
  const [speed, setSpeed] = useState<number>(props.status.speed);
  const paused = props.status.mode === 'paused';
  return (
    <div className="form-row">
      <button type="button" className="btn btn-primary" data-testid="sim-pause" onClick={() => props.send({ kind: paused ? 'resume' : 'pause' })}>
        {paused ? t('simulation.resume') : t('simulation.pause')}
      </button>
      <label>
        {t('simulation.speed')}
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="sim-speed-select">
          {[...new Set([...SIM_SPEEDS, props.status.speed])].sort((a, b) => a - b).map((s) => (
            <option key={s} value={s}>{`${s}×`}</option>
          ))}
        </select>
      </label>
      <button type="button" className="btn" onClick={() => props.send({ kind: 'set_speed', speed })}>
        {t('simulation.setSpeed')}
      </button>
    </div>
  );
}

function FaultForm(props: { readonly meters: readonly { id: string; name?: string | null }[]; readonly send: (b: SimCommandBody) => void; readonly disabled: boolean }) {
  const { t } = useTranslation();
  const [meter, setMeter] = useState('');
  const [fault, setFault] = useState<SimFaultKind>('outage');
  const [durationS, setDurationS] = useState(300);
  const chosen = meter === '' ? props.meters[0]?.id : meter;
  return (
    <div className="form-row">
      <label>
        {t('simulation.meter')}
        <select value={chosen ?? ''} onChange={(e) => setMeter(e.target.value)} data-testid="sim-fault-meter">
          {props.meters.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name === undefined || m.name === null ? m.id : `${m.name} (${m.id})`}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('simulation.fault')}
        <select value={fault} onChange={(e) => setFault(e.target.value as SimFaultKind)} data-testid="sim-fault-kind">
          {SIM_VIEW_FAULTS.map((k) => (
            <option key={k} value={k}>
              {t(`simulation.faultKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('simulation.duration')}
        <select value={durationS} onChange={(e) => setDurationS(Number(e.target.value))}>
          {SIM_FAULT_DURATIONS_S.map((s) => (
            <option key={s} value={s}>
              {s >= 3600 ? `${s / 3600} h` : `${s / 60} min`}
            </option>
          ))}
        </select>
      </label>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={props.disabled || chosen === undefined} data-testid="sim-inject" onClick={() => chosen !== undefined && props.send({ kind: 'inject_fault', meter: chosen, fault, durationS })}>
          {t('simulation.inject')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => props.send({ kind: 'clear_faults' })}>
          {t('simulation.clearAll')}
        </button>
      </div>
    </div>
  );
}

function ReplayForm(props: { readonly status: SimStatus; readonly recordings: readonly { name: string; sizeBytes: number }[]; readonly send: (b: SimCommandBody) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [recording, setRecording] = useState('');
  const [speed, setSpeed] = useState(1);
  const chosen = recording === '' ? props.recordings[0]?.name : recording;
  const pct = replayPct(props.status);
  const r = props.status.replay;
  return (
    <div className="stack">
      {r === null || pct === null ? null : (
        <div className="cost-row" data-testid="sim-replay-progress">
          <span className="cost-label mono" title={r.recording}>
            {r.recording}
          </span>
          <div className="bar">
            <div className="bar-fill" style={{ width: `${pct}%` }} />
          </div>
          <span className="cost-value">{`${formatNumber(locale, r.messagesPublished, 0)} / ${formatNumber(locale, r.messagesTotal, 0)}`}</span>
        </div>
      )}
      {props.recordings.length === 0 ? (
        <Notice kind="empty">{t('simulation.noRecordings')}</Notice>
      ) : (
        <div className="form-row">
          <label>
            {t('simulation.recording')}
            <select value={chosen ?? ''} onChange={(e) => setRecording(e.target.value)} data-testid="sim-recording">
              {props.recordings.map((f) => (
                <option key={f.name} value={f.name}>{`${f.name} (${formatBytes(f.sizeBytes)})`}</option>
              ))}
            </select>
          </label>
          <label>
            {t('simulation.speed')}
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {SIM_SPEEDS.map((s) => (
                <option key={s} value={s}>{`${s}×`}</option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-primary" disabled={chosen === undefined} data-testid="sim-start-replay" onClick={() => chosen !== undefined && props.send({ kind: 'start_replay', recording: chosen, speed })}>
            {t('simulation.startReplay')}
          </button>
        </div>
      )}
      {r === null ? null : (
        <div className="form-actions">
          <button type="button" className="btn" data-testid="sim-stop-replay" onClick={() => props.send({ kind: 'stop_replay' })}>
            {t('simulation.stopReplay')}
          </button>
        </div>
      )}
    </div>
  );
}

function LastCommand(props: { readonly status: SimStatus; readonly sent: { commandId: string; atMs: number } | undefined; readonly error: string | undefined; readonly tz: string; readonly nowMs: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (props.error !== undefined) return <Notice kind="error">{props.error}</Notice>;
  const state = commandState(props.sent, props.status, props.nowMs);
  if (state.kind === 'idle') return <Notice kind="empty">{t('common.none')}</Notice>;
  if (state.kind === 'sent') return <p className="muted">{t('simulation.sent')}</p>;
  if (state.kind === 'unanswered') return <Notice kind="error">{t('simulation.unanswered')}</Notice>;
  const r = state.result;
  const kindLabel = t(`simulation.kinds.${r.kind}`, { defaultValue: r.kind });
  return (
    <div className="stack">
      <div>
        <span className={`pill level-${r.ok ? 'green' : 'red'}`}>{r.ok ? t('simulation.ok') : t('simulation.refused')}</span> <strong>{kindLabel}</strong>
      </div>
      {r.ok ? null : <p data-testid="sim-refusal">{`${r.code === undefined ? '' : t(`simulation.refusals.${r.code}`)}${r.reason === undefined ? '' : `: ${r.reason}`}`}</p>}
      <p className="muted small">{`${r.by} · ${formatTime(locale, Date.parse(r.at), props.tz)}`}</p>
    </div>
  );
}
