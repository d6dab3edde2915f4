import type { Carrier, Enterprise, EnterpriseCreate, EnterprisePatch, Meter, MeterCreate, MeterPatch, MeterReplacement, MeterRole, Registry } from '@lingtan/schema';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel } from '../components/stat-tile.js';
import { CARRIER_CHOICES, ROLE_CHOICES, enterpriseCreateBody, enterpriseFormOf, enterprisePatchBody, isoInZone, meterCreateBody, meterFormOf, meterPatchBody, parentChoices, replacementBody } from '../lib/registry-form.js';
import type { Built, EnterpriseForm, MeterForm, ReplacementForm } from '../lib/registry-form.js';

/** The input the last refusal named (marked red), and whether a request is running. */
export interface FormStatus {
  readonly field: string | undefined;
  readonly busy: boolean;
}

const INVALID = { borderColor: 'var(--red)' } as const;

/** A labelled input, marked when the gateway (or the form) named its field. */
function Field(props: { readonly label: string; readonly name: string; readonly status: FormStatus; readonly local?: string; readonly children: (invalid: boolean) => ReactNode }) {
  const invalid = props.status.field === props.name || props.local === props.name;
  return (
    <label data-field={props.name}>
      {props.label}
      {props.children(invalid)}
    </label>
  );
}

function Actions(props: { readonly status: FormStatus; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={props.status.busy} data-testid="registry-save">
        {t('registryAdmin.save')}
      </button>
      <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
        {t('registryAdmin.cancel')}
      </button>
    </div>
  );
}

/** Runs a form's builder: a field it cannot read is marked locally, else the body goes to `send`. */
function useSubmit<T>(build: () => Built<T>, send: (body: T) => void): { local: string | undefined; onSubmit: (e: { preventDefault(): void }) => void } {
  const [local, setLocal] = useState<string | undefined>(undefined);
  return {
    local,
    onSubmit: (e) => {
      e.preventDefault();
      const built = build();
      setLocal(built.ok ? undefined : built.field);
      if (built.ok) send(built.body);
    },
  };
}

/** Add an enterprise (`existing` undefined) or edit one: name, industry, annual budgets. */
export function EnterpriseFormPanel(props: { readonly existing?: Enterprise; readonly status: FormStatus; readonly onCreate: (b: EnterpriseCreate) => void; readonly onPatch: (b: EnterprisePatch) => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<EnterpriseForm>(() => enterpriseFormOf(props.existing));
  const set = (k: keyof EnterpriseForm) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const { local, onSubmit } = useSubmit<EnterpriseCreate | EnterprisePatch>(
    () => (props.existing === undefined ? enterpriseCreateBody(f) : enterprisePatchBody(f)),
    (b) => (props.existing === undefined ? props.onCreate(b as EnterpriseCreate) : props.onPatch(b)),
  );
  const s = props.status;
  return (
    <Panel title={props.existing === undefined ? t('registryAdmin.addEnterprise') : t('registryAdmin.editEnterprise', { id: props.existing.id })} testId="enterprise-form">
      <form onSubmit={onSubmit}>
        <div className="form-row">
          <Field label={t('registryAdmin.id')} name="id" status={s} local={local}>
            {(bad) => <input value={f.id} onChange={set('id')} disabled={props.existing !== undefined} required style={bad ? INVALID : undefined} name="id" />}
          </Field>
          <Field label={t('registryAdmin.name')} name="name" status={s} local={local}>
            {(bad) => <input value={f.name} onChange={set('name')} required style={bad ? INVALID : undefined} name="name" />}
          </Field>
          <Field label={t('registryAdmin.industry')} name="industry" status={s} local={local}>
            {(bad) => <input value={f.industry} onChange={set('industry')} style={bad ? INVALID : undefined} name="industry" />}
          </Field>
          <Field label={t('registryAdmin.budgetTce')} name="budgets.year_tce" status={s} local={local}>
            {(bad) => <input value={f.yearTce} onChange={set('yearTce')} inputMode="decimal" style={bad ? INVALID : undefined} name="yearTce" />}
          </Field>
          <Field label={t('registryAdmin.budgetTco2')} name="budgets.year_tco2" status={s} local={local}>
            {(bad) => <input value={f.yearTco2} onChange={set('yearTco2')} inputMode="decimal" style={bad ? INVALID : undefined} name="yearTco2" />}
          </Field>
        </div>
        <Actions status={s} onCancel={props.onCancel} />
      </form>
    </Panel>
  );
}

/** Add a meter or edit one: enterprise, carrier, role, parent (no loops offered), interval. */
export function MeterFormPanel(props: {
  readonly registry: Registry;
  readonly existing?: Meter;
  readonly enterprise: string;
  readonly status: FormStatus;
  readonly onCreate: (b: MeterCreate) => void;
  readonly onPatch: (b: MeterPatch) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { existing, registry } = props;
  const [f, setF] = useState<MeterForm>(() => meterFormOf(existing, props.enterprise || (registry.enterprises[0]?.id ?? '')));
  const set = (k: keyof MeterForm) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const { local, onSubmit } = useSubmit<MeterCreate | MeterPatch>(
    () => (existing === undefined ? meterCreateBody(f) : meterPatchBody(existing, f)),
    (b) => (existing === undefined ? props.onCreate(b as MeterCreate) : props.onPatch(b)),
  );
  const s = props.status;
  const fixed = existing !== undefined;
  return (
    <Panel title={fixed ? t('registryAdmin.editMeter', { id: existing.id }) : t('registryAdmin.addMeter')} testId="meter-form">
      <form onSubmit={onSubmit}>
        <div className="form-row">
          <Field label={t('registryAdmin.id')} name="id" status={s} local={local}>
            {(bad) => <input value={f.id} onChange={set('id')} disabled={fixed} required style={bad ? INVALID : undefined} name="id" />}
          </Field>
          <Field label={t('registryAdmin.name')} name="name" status={s} local={local}>
            {(bad) => <input value={f.name} onChange={set('name')} style={bad ? INVALID : undefined} name="name" />}
          </Field>
          <Field label={t('registryAdmin.enterprise')} name="enterprise" status={s} local={local}>
            {(bad) => (
              <select value={f.enterprise} onChange={set('enterprise')} disabled={fixed} style={bad ? INVALID : undefined} name="enterprise">
                {registry.enterprises.map((e) => (
                  <option key={e.id} value={e.id}>{`${e.name} (${e.id})`}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('registryAdmin.carrier')} name="carrier" status={s} local={local}>
            {(bad) => (
              <select value={f.carrier} onChange={(e) => setF({ ...f, carrier: e.target.value as Carrier })} disabled={fixed} style={bad ? INVALID : undefined} name="carrier">
                {CARRIER_CHOICES.map((c) => (
                  <option key={c} value={c}>{t(`carriers.${c}`)}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('registryAdmin.role')} name="role" status={s} local={local}>
            {(bad) => (
              <select value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as MeterRole })} style={bad ? INVALID : undefined} name="role">
                {ROLE_CHOICES.map((r) => (
                  <option key={r} value={r}>{t(`meterRoles.${r}`)}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('registryAdmin.parent')} name="parent" status={s} local={local}>
            {(bad) => (
              <select value={f.parent} onChange={set('parent')} style={bad ? INVALID : undefined} name="parent">
                <option value="">{t('registryAdmin.noParent')}</option>
                {parentChoices(registry, existing?.id).map((m) => (
                  <option key={m.id} value={m.id}>{`${m.id}${m.name === undefined ? '' : ` · ${m.name}`} (${m.enterprise})`}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('registryAdmin.interval')} name="interval_s" status={s} local={local}>
            {(bad) => <input value={f.intervalS} onChange={set('intervalS')} inputMode="numeric" style={bad ? INVALID : undefined} name="interval_s" />}
          </Field>
        </div>
        {fixed ? <p className="muted">{t('registryAdmin.immutable')}</p> : null}
        <Actions status={s} onCancel={props.onCancel} />
      </form>
    </Panel>
  );
}

/** A meter swap: when (park time with its offset), the old meter's final and the new one's initial registers. */
export function ReplacementFormPanel(props: { readonly meter: Meter; readonly timeZone: string; readonly nowMs: number; readonly status: FormStatus; readonly onSubmit: (b: MeterReplacement) => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<ReplacementForm>(() => ({ at: isoInZone(props.nowMs, props.timeZone), final: '', initial: '' }));
  const set = (k: keyof ReplacementForm) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const { local, onSubmit } = useSubmit(() => replacementBody(f), props.onSubmit);
  const s = props.status;
  return (
    <Panel title={t('registryAdmin.replaceMeter', { id: props.meter.id })} testId="replacement-form">
      <form onSubmit={onSubmit}>
        <div className="form-row">
          <Field label={t('registryAdmin.at')} name="at" status={s} local={local}>
            {(bad) => <input value={f.at} onChange={set('at')} required style={bad ? INVALID : undefined} name="at" size={28} />}
          </Field>
          <Field label={t('registryAdmin.final')} name="final" status={s} local={local}>
            {(bad) => <input value={f.final} onChange={set('final')} placeholder="energy_import_kwh=1150" style={bad ? INVALID : undefined} name="final" size={30} />}
          </Field>
          <Field label={t('registryAdmin.initial')} name="initial" status={s} local={local}>
            {(bad) => <input value={f.initial} onChange={set('initial')} placeholder="energy_import_kwh=0" style={bad ? INVALID : undefined} name="initial" size={30} />}
          </Field>
        </div>
        <p className="muted">{t('registryAdmin.registersHint')}</p>
        {(props.meter.replacements ?? []).length > 0 ? (
          <p className="muted">{`${t('registryAdmin.replacements')}: ${(props.meter.replacements ?? []).map((r) => r.at).join(', ')}`}</p>
        ) : null}
        <Actions status={s} onCancel={props.onCancel} />
      </form>
    </Panel>
  );
}
