import type { Carrier, Enterprise, EnterpriseCreate, EnterprisePatch, Meter, MeterCreate, MeterPatch, MeterReplacement, MeterRole, Registry } from '@lingtan/schema';

/** Every carrier, for the meter form (the view imports no schema values: no zod in the bundle). */
export const CARRIER_CHOICES = ['electricity', 'heat', 'cooling', 'steam', 'gas', 'oil', 'water', 'pv', 'storage', 'distribution', 'production'] as const satisfies readonly Carrier[];
/** Every meter role. */
export const ROLE_CHOICES = ['main', 'sub', 'generation', 'storage', 'equipment'] as const satisfies readonly MeterRole[];
// Compile errors when the schema gains a carrier or role these lists lack.
type Missing = Exclude<Carrier, (typeof CARRIER_CHOICES)[number]>  ;
export const CHOICES_COMPLETE: [Missing] extends [never] ? true : never = true;

/** The enterprise form's inputs, as typed (strings). */
export interface EnterpriseForm {
  readonly id: string;
  readonly name: string;
  readonly industry: string;
  readonly yearTce: string;
  readonly yearTco2: string;
}

/** The meter form's inputs, as typed. `parent` '' is a top meter. */
export interface MeterForm {
  readonly id: string;
  readonly name: string;
  readonly enterprise: string;
  readonly carrier: Carrier;
  readonly role: MeterRole;
  readonly parent: string;
  readonly intervalS: string;
}

/** The replacement form: registers as `quantity=value` lines or comma lists. */
export interface ReplacementForm {
  readonly at: string;
  readonly final: string;
  readonly initial: string;
}

/** A form's result: the request body, or the field that cannot be read. */
export type Built<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly field: string };

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

export function enterpriseFormOf(e?: Enterprise): EnterpriseForm {
  return { id: e?.id ?? '', name: e?.name ?? '', industry: e?.industry ?? '', yearTce: e?.budgets?.year_tce?.toString() ?? '', yearTco2: e?.budgets?.year_tco2?.toString() ?? '' };
}

function budgetsOf(f: EnterpriseForm): Built<{ year_tce?: number; year_tco2?: number } | undefined> {
  const tce = num(f.yearTce);
  const tco2 = num(f.yearTco2);
  if (tce !== undefined && !(tce > 0)) return { ok: false, field: 'budgets.year_tce' };
  if (tco2 !== undefined && !(tco2 > 0)) return { ok: false, field: 'budgets.year_tco2' };
  const b = { ...(tce === undefined ? {} : { year_tce: tce }), ...(tco2 === undefined ? {} : { year_tco2: tco2 }) };
  return { ok: true, body: Object.keys(b).length === 0 ? undefined : b };
}

/** `POST /admin/enterprises` from the form (empty optional inputs are left out). */
export function enterpriseCreateBody(f: EnterpriseForm): Built<EnterpriseCreate> {
  const budgets = budgetsOf(f);
  if (!budgets.ok) return budgets;
  return { ok: true, body: { id: f.id.trim(), name: f.name.trim(), ...(f.industry.trim() === '' ? {} : { industry: f.industry.trim() }), ...(budgets.body === undefined ? {} : { budgets: budgets.body }) } };
}

/** `PATCH /admin/enterprises/:id`: name, industry and budgets as the form has them ('' clears). */
export function enterprisePatchBody(f: EnterpriseForm): Built<EnterprisePatch> {
  const budgets = budgetsOf(f);
  if (!budgets.ok) return budgets;
  return { ok: true, body: { name: f.name.trim(), industry: f.industry.trim() === '' ? null : f.industry.trim(), budgets: budgets.body ?? null } };
}

export function meterFormOf(m: Meter | undefined, enterprise: string): MeterForm {
  return { id: m?.id ?? '', name: m?.name ?? '', enterprise: m?.enterprise ?? enterprise, carrier: m?.carrier ?? 'electricity', role: m?.role ?? 'main', parent: m?.parent ?? '', intervalS: (m?.interval_s ?? 60).toString() };
}

function intervalOf(f: MeterForm): Built<number> {
  const s = num(f.intervalS);
  return s === undefined || !Number.isFinite(s) || s <= 0 ? { ok: false, field: 'interval_s' } : { ok: true, body: s };
}

/** `POST /admin/meters` from the form. */
export function meterCreateBody(f: MeterForm): Built<MeterCreate> {
  const interval = intervalOf(f);
  if (!interval.ok) return interval;
  return {
    ok: true,
    body: { id: f.id.trim(), ...(f.name.trim() === '' ? {} : { name: f.name.trim() }), enterprise: f.enterprise, carrier: f.carrier, role: f.role, parent: f.parent === '' ? null : f.parent, interval_s: interval.body },
  };
}

/** `PATCH /admin/meters/:id`: only what changed (carrier and enterprise are fixed once a meter exists). */
export function meterPatchBody(before: Meter, f: MeterForm): Built<MeterPatch> {
  const interval = intervalOf(f);
  if (!interval.ok) return interval;
  const name = f.name.trim();
  const parent = f.parent === '' ? null : f.parent;
  const body: MeterPatch = {
    ...(name !== (before.name ?? '') ? { name: name === '' ? null : name } : {}),
    ...(f.role !== before.role ? { role: f.role } : {}),
    ...(parent !== before.parent ? { parent } : {}),
    ...(interval.body !== before.interval_s ? { interval_s: interval.body } : {}),
  };
  return { ok: true, body };
}

/** Meters that may be `meterId`'s parent: not itself nor one of its descendants (the tree would loop). */
export function parentChoices(registry: Registry, meterId?: string): Meter[] {
  if (meterId === undefined) return [...registry.meters];
  const children = new Map<string, string[]>();
  for (const m of registry.meters) if (m.parent !== null) children.set(m.parent, [...(children.get(m.parent) ?? []), m.id]);
  const excluded = new Set<string>();
  const stack = [meterId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (excluded.has(id)) continue;
    excluded.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return registry.meters.filter((m) => !excluded.has(m.id));
}

/** `quantity=value` pairs separated by commas, semicolons or new lines; '' is none. */
export function parseRegisters(text: string): Record<string, number> | undefined | null {
  const parts = text.split(/[,;\n]/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const p of parts) {
    const m = /^([A-Za-z0-9_]+)\s*=\s*(\S+)$/.exec(p);
    const v = m === null ? NaN : Number(m[2]);
    if (m === null || !Number.isFinite(v) || v < 0) return null;
    out[m[1]!] = v;
  }
  return out;
}

/** `POST /admin/meters/:id/replacements` from the form. */
export function replacementBody(f: ReplacementForm): Built<MeterReplacement> {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(f.at.trim())) return { ok: false, field: 'at' };
  const final = parseRegisters(f.final);
  if (final === null) return { ok: false, field: 'final' };
  const initial = parseRegisters(f.initial);
  if (initial === null) return { ok: false, field: 'initial' };
  return { ok: true, body: { at: f.at.trim(), ...(final === undefined ? {} : { final }), ...(initial === undefined ? {} : { initial }) } };
}

/**
 * `ms` as an ISO time in the park's zone with its offset (`2026-11-10T09:00:00+08:00`): the
 * replacement form's default, so the offset the ingestor reads is the park's, not the browser's.
 */
export function isoInZone(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMin = Math.round((Date.parse(`${local}Z`) - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The top segment of a gateway error's field (`budgets.year_tce` stays, `final.energy_kwh` -> `final`), to mark the input. */
export function inputOfField(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  return field.startsWith('budgets.') ? field : field.split('.')[0];
}
