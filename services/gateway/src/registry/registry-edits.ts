import type { EnterpriseCreate, EnterprisePatch, Meter, MeterCreate, MeterPatch, MeterReplacement, Registry } from '@lingtan/schema';

/** Why an edit cannot be made, as the API answers it (404 unknown id, 409 conflict). */
export class EditRefused extends Error {
  override readonly name = 'EditRefused';
  constructor(
    readonly status: 404 | 409,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** One admin edit: builds the next registry from the current one (not yet validated as a whole). */
export type RegistryEdit = (current: Registry) => Registry;

/** Who still refers to an enterprise besides its meters (users and API keys). */
export type UsersOf = (enterprise: string) => readonly string[];

const list = (ids: readonly string[], max = 5): string => `${ids.slice(0, max).join(', ')}${ids.length > max ? ` and ${ids.length - max} more` : ''}`;

/** Apply a patch: a key set to null removes that optional field, an absent key keeps it. */
function patched<T extends object>(entry: T, patch: Readonly<Record<string, unknown>>): T {
  const out: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null && key !== 'parent') delete out[key];
    else out[key] = value;
  }
  return out as T;
}

function enterpriseIndex(r: Registry, id: string): number {
  const i = r.enterprises.findIndex((e) => e.id === id);
  if (i < 0) throw new EditRefused(404, `no enterprise "${id}" in this park`, 'id');
  return i;
}

function meterIndex(r: Registry, id: string): number {
  const i = r.meters.findIndex((m) => m.id === id);
  if (i < 0) throw new EditRefused(404, `no meter "${id}" in this park`, 'id');
  return i;
}

/** Add an enterprise; its id must be new. */
export const createEnterprise =
  (body: EnterpriseCreate): RegistryEdit =>
  (r) => {
    if (r.enterprises.some((e) => e.id === body.id)) throw new EditRefused(409, `enterprise "${body.id}" exists already`, 'id');
    return { ...r, enterprises: [...r.enterprises, { ...body }] };
  };

/** Change an enterprise's name, industry or budgets (its id is its identity: never changed). */
export const patchEnterprise =
  (id: string, body: EnterprisePatch): RegistryEdit =>
  (r) => {
    const i = enterpriseIndex(r, id);
    return { ...r, enterprises: r.enterprises.map((e, k) => (k === i ? patched(e, body) : e)) };
  };

/**
 * Remove an enterprise. Refused while meters or users still name it: its meters' history
 * would be orphaned and its users left without a tenant; remove or retire those first.
 */
export const deleteEnterprise =
  (id: string, usersOf: UsersOf): RegistryEdit =>
  (r) => {
    const i = enterpriseIndex(r, id);
    const meters = r.meters.filter((m) => m.enterprise === id).map((m) => m.id);
    if (meters.length > 0) throw new EditRefused(409, `enterprise "${id}" still has ${meters.length} meter(s): ${list(meters)}; delete them first`, 'id');
    const users = usersOf(id);
    if (users.length > 0) throw new EditRefused(409, `enterprise "${id}" still has ${users.length} user(s) or API key(s) in the users file: ${list(users)}; remove them first`, 'id');
    return { ...r, enterprises: r.enterprises.filter((_, k) => k !== i) };
  };

/** Add a meter; its id must be new (the schema checks its enterprise and parent). */
export const createMeter =
  (body: MeterCreate): RegistryEdit =>
  (r) => {
    if (r.meters.some((m) => m.id === body.id)) throw new EditRefused(409, `meter "${body.id}" exists already`, 'id');
    // Defaults (role, parent, interval) are filled in by the schema when the whole registry is parsed.
    return { ...r, meters: [...r.meters, { ...body } as Meter] };
  };

/**
 * Change a meter. A carrier or enterprise in the patch is applied as asked, so that
 * `checkRegistryChange` refuses it with its reason (the caller turns that into a 409).
 */
export const patchMeter =
  (id: string, body: MeterPatch): RegistryEdit =>
  (r) => {
    const i = meterIndex(r, id);
    if (body.parent === id) throw new EditRefused(409, `meter "${id}" cannot be its own parent`, 'parent');
    return { ...r, meters: r.meters.map((m, k) => (k === i ? patched(m, body) : m)) };
  };

/** Remove a meter; refused while other meters name it as their parent (the tree would break). */
export const deleteMeter =
  (id: string): RegistryEdit =>
  (r) => {
    const i = meterIndex(r, id);
    const children = r.meters.filter((m) => m.parent === id).map((m) => m.id);
    if (children.length > 0) throw new EditRefused(409, `meter "${id}" is the parent of ${list(children)}; move or delete them first`, 'id');
    return { ...r, meters: r.meters.filter((_, k) => k !== i) };
  };

/**
 * Record a meter swap. Replacements stay in time order, and one at the same instant as an
 * existing one is refused: the ingestor's counters would not know which registers to use.
 */
export const addReplacement =
  (id: string, body: MeterReplacement): RegistryEdit =>
  (r) => {
    const i = meterIndex(r, id);
    const meter = r.meters[i]!;
    const atMs = Date.parse(body.at);
    const existing = meter.replacements ?? [];
    if (existing.some((x) => Date.parse(x.at) === atMs)) throw new EditRefused(409, `meter "${id}" already has a replacement at ${body.at}`, 'at');
    const replacements = [...existing, { ...body }].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return { ...r, meters: r.meters.map((m, k) => (k === i ? { ...m, replacements } : m)) };
  };
