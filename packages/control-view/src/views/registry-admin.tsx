import type { RegistryAdminResponse, RegistryWriteResponse } from '@lingtan/schema';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice, Panel } from '../components/stat-tile.js';
import { RegistryApiError, registryApi } from '../lib/registry-api.js';
import { inputOfField } from '../lib/registry-form.js';
import { useSession } from '../session.js';
import { EnterpriseFormPanel, MeterFormPanel, ReplacementFormPanel } from './registry-admin-forms.js';

type Loaded = { readonly status: 'loading' } | { readonly status: 'error'; readonly message: string } | { readonly status: 'ok'; readonly data: RegistryAdminResponse };
type Form =
  | { readonly kind: 'enterprise'; readonly id?: string }
  | { readonly kind: 'meter'; readonly id?: string }
  | { readonly kind: 'replacement'; readonly id: string };
type Outcome = { readonly tone: 'ok'; readonly text: string } | { readonly tone: 'error'; readonly text: string; readonly field?: string };

/**
 * 园区档案: admins edit the park registry (enterprises, meters, meter swaps). Every write
 * sends the ETag the page last read, so an edit made meanwhile by someone else (another admin,
 * a text editor on the file) is never overwritten: the page reloads and says so.
 */
export function RegistryAdminView() {
  const { t } = useTranslation();
  const { park } = useSession();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [form, setForm] = useState<Form | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState('');

  const reload = useCallback(async () => {
    try {
      setLoaded({ status: 'ok', data: await registryApi.load() });
    } catch (error) {
      setLoaded({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (loaded.status === 'loading') return <Notice kind="loading">{t('common.loading')}</Notice>;
  if (loaded.status === 'error') return <Notice kind="error">{loaded.message}</Notice>;
  const { registry, revision, etag, writable, readOnlyReason } = loaded.data;

  const run = (write: (etag: string) => Promise<RegistryWriteResponse>) => {
    setBusy(true);
    void write(etag)
      .then(
        async (r) => {
          setOutcome({ tone: 'ok', text: t('registryAdmin.saved', { revision: r.revision }) });
          setForm(null);
          setConfirm(null);
          await reload();
        },
        async (error: unknown) => {
          setConfirm(null);
          if (error instanceof RegistryApiError && error.status === 412) {
            setOutcome({ tone: 'error', text: t('registryAdmin.changedMeanwhile') });
            await reload();
          } else if (error instanceof RegistryApiError) setOutcome({ tone: 'error', text: error.message, ...(error.field === undefined ? {} : { field: error.field }) });
          else setOutcome({ tone: 'error', text: String(error) });
        },
      )
      .finally(() => setBusy(false));
  };
  const open = (f: Form | null) => {
    setForm(f);
    setOutcome(null);
  };
  const status = { busy, field: outcome?.tone === 'error' ? inputOfField(outcome.field) : undefined };
  const names = new Map(registry.enterprises.map((e) => [e.id, e.name]));
  const meters = registry.meters.filter((m) => filter === '' || m.enterprise === filter);
  const editing = form?.id === undefined ? undefined : form.id;
  const meterOf = (id: string) => registry.meters.find((m) => m.id === id);

  const deleteButton = (key: string, remove: () => void) =>
    confirm === key ? (
      <span className="form-actions">
        <span className="error-text">{t('registryAdmin.confirmDelete', { id: key.split(':')[1] })}</span>
        <button type="button" className="btn btn-small" onClick={remove} disabled={busy || !writable} data-testid="registry-confirm-delete">
          {t('registryAdmin.yesDelete')}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirm(null)}>
          {t('registryAdmin.cancel')}
        </button>
      </span>
    ) : (
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirm(key)} disabled={!writable} data-testid={`delete-${key}`}>
        {t('registryAdmin.delete')}
      </button>
    );

  return (
    <div className="page" data-testid="registry-admin">
      <div className="filters">
        <h2 style={{ margin: 0 }}>{t('registryAdmin.title')}</h2>
        <span className="muted" data-testid="registry-revision">
          {t('registryAdmin.revision', { revision })}
        </span>
        <span className="muted mono" title={etag}>
          {etag.slice(1, 13)}
        </span>
        <button type="button" className="btn btn-small" onClick={() => void reload()}>
          {t('registryAdmin.reload')}
        </button>
      </div>
      {!writable ? <Notice kind="error">{t('registryAdmin.readOnly', { reason: readOnlyReason ?? '' })}</Notice> : null}
      {outcome !== null ? (
        <p className={outcome.tone === 'error' ? 'error-text' : 'muted'} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="registry-outcome">
          {outcome.tone === 'error' && outcome.field !== undefined ? `${outcome.field}: ${outcome.text}` : outcome.text}
        </p>
      ) : null}

      {form?.kind === 'enterprise' ? (
        <EnterpriseFormPanel
          key={form.id ?? 'new'}
          {...(editing === undefined ? {} : { existing: registry.enterprises.find((e) => e.id === editing) })}
          status={status}
          onCreate={(b) => run((tag) => registryApi.createEnterprise(tag, b))}
          onPatch={(b) => run((tag) => registryApi.patchEnterprise(tag, editing!, b))}
          onCancel={() => open(null)}
        />
      ) : null}
      {form?.kind === 'meter' ? (
        <MeterFormPanel
          key={form.id ?? 'new'}
          registry={registry}
          {...(editing === undefined ? {} : { existing: meterOf(editing) })}
          enterprise={filter}
          status={status}
          onCreate={(b) => run((tag) => registryApi.createMeter(tag, b))}
          onPatch={(b) => run((tag) => registryApi.patchMeter(tag, editing!, b))}
          onCancel={() => open(null)}
        />
      ) : null}
      {form?.kind === 'replacement' && meterOf(form.id) !== undefined ? (
        <ReplacementFormPanel
          key={form.id}
          meter={meterOf(form.id)!}
          timeZone={park.park.timezone}
          nowMs={Date.now()}
          status={status}
          onSubmit={(b) => run((tag) => registryApi.addReplacement(tag, form.id, b))}
          onCancel={() => open(null)}
        />
      ) : null}

      <Panel
        title={`${t('registryAdmin.enterprises')} (${registry.enterprises.length})`}
        actions={
          <button type="button" className="btn btn-small" onClick={() => open({ kind: 'enterprise' })} disabled={!writable} data-testid="add-enterprise">
            {t('registryAdmin.addEnterprise')}
          </button>
        }
      >
        <table className="table" data-testid="registry-enterprises">
          <thead>
            <tr>
              <th>{t('registryAdmin.id')}</th>
              <th>{t('registryAdmin.name')}</th>
              <th>{t('registryAdmin.industry')}</th>
              <th className="num-col">{t('registryAdmin.budgetTce')}</th>
              <th className="num-col">{t('registryAdmin.budgetTco2')}</th>
              <th className="num-col">{t('registryAdmin.meters')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {registry.enterprises.map((e) => (
              <tr key={e.id} data-id={e.id}>
                <td className="mono">{e.id}</td>
                <td>{e.name}</td>
                <td>{e.industry ?? ''}</td>
                <td className="num-col">{e.budgets?.year_tce ?? ''}</td>
                <td className="num-col">{e.budgets?.year_tco2 ?? ''}</td>
                <td className="num-col">{registry.meters.filter((m) => m.enterprise === e.id).length}</td>
                <td className="form-actions">
                  <button type="button" className="btn btn-small" onClick={() => open({ kind: 'enterprise', id: e.id })} disabled={!writable}>
                    {t('registryAdmin.edit')}
                  </button>
                  {deleteButton(`enterprise:${e.id}`, () => run((tag) => registryApi.deleteEnterprise(tag, e.id)))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>

      <Panel
        title={`${t('registryAdmin.meters')} (${meters.length} / ${registry.meters.length})`}
        actions={
          <span className="filters">
            <select value={filter} onChange={(e) => setFilter(e.target.value)} aria-label={t('registryAdmin.filter')}>
              <option value="">{t('common.all')}</option>
              {registry.enterprises.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-small" onClick={() => open({ kind: 'meter' })} disabled={!writable} data-testid="add-meter">
              {t('registryAdmin.addMeter')}
            </button>
          </span>
        }
      >
        <table className="table" data-testid="registry-meters">
          <thead>
            <tr>
              <th>{t('registryAdmin.id')}</th>
              <th>{t('registryAdmin.name')}</th>
              <th>{t('registryAdmin.enterprise')}</th>
              <th>{t('registryAdmin.carrier')}</th>
              <th>{t('registryAdmin.role')}</th>
              <th>{t('registryAdmin.parent')}</th>
              <th className="num-col">{t('registryAdmin.interval')}</th>
              <th className="num-col">{t('registryAdmin.replacements')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {meters.map((m) => (
              <tr key={m.id} data-id={m.id}>
                <td className="mono">{m.id}</td>
                <td>{m.name ?? ''}</td>
                <td>{names.get(m.enterprise) ?? m.enterprise}</td>
                <td>{t(`carriers.${m.carrier}`)}</td>
                <td>{t(`meterRoles.${m.role}`)}</td>
                <td className="mono">{m.parent ?? '—'}</td>
                <td className="num-col">{m.interval_s}</td>
                <td className="num-col">{(m.replacements ?? []).length}</td>
                <td className="form-actions">
                  <button type="button" className="btn btn-small" onClick={() => open({ kind: 'meter', id: m.id })} disabled={!writable}>
                    {t('registryAdmin.edit')}
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => open({ kind: 'replacement', id: m.id })} disabled={!writable}>
                    {t('registryAdmin.replace')}
                  </button>
                  {deleteButton(`meter:${m.id}`, () => run((tag) => registryApi.deleteMeter(tag, m.id)))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </div>
  );
}
