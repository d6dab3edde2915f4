import type { EnterpriseCreate, EnterprisePatch, MeterCreate, MeterPatch, MeterReplacement, RegistryAdminResponse, RegistryWriteResponse } from '@lingtan/schema';

/** A refused registry request: the gateway's code, message and, for a bad value, the field it names. */
export class RegistryApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RegistryApiError';
  }
}

interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string };
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const e = (body).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string';
}

/** One call to `/api/v1/admin/*`; every write carries `If-Match` with the ETag the page last read. */
async function call<T>(method: string, path: string, options: { readonly etag?: string; readonly body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.etag !== undefined) headers['If-Match'] = options.etag;
  const res = await fetch(`/api/v1/admin${path}`, { method, headers, credentials: 'same-origin', ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (isErrorBody(body)) throw new RegistryApiError(res.status, body.error.code, body.error.message, body.error.field);
    throw new RegistryApiError(res.status, 'http_error', `HTTP ${res.status}`);
  }
  return body as T;
}

const at = (id: string) => encodeURIComponent(id);

/** The registry admin routes of the gateway (admins only). */
export const registryApi = {
  load: () => call<RegistryAdminResponse>('GET', '/registry'),
  createEnterprise: (etag: string, body: EnterpriseCreate) => call<RegistryWriteResponse>('POST', '/enterprises', { etag, body }),
  patchEnterprise: (etag: string, id: string, body: EnterprisePatch) => call<RegistryWriteResponse>('PATCH', `/enterprises/${at(id)}`, { etag, body }),
  deleteEnterprise: (etag: string, id: string) => call<RegistryWriteResponse>('DELETE', `/enterprises/${at(id)}`, { etag }),
  createMeter: (etag: string, body: MeterCreate) => call<RegistryWriteResponse>('POST', '/meters', { etag, body }),
  patchMeter: (etag: string, id: string, body: MeterPatch) => call<RegistryWriteResponse>('PATCH', `/meters/${at(id)}`, { etag, body }),
  deleteMeter: (etag: string, id: string) => call<RegistryWriteResponse>('DELETE', `/meters/${at(id)}`, { etag }),
  addReplacement: (etag: string, id: string, body: MeterReplacement) => call<RegistryWriteResponse>('POST', `/meters/${at(id)}/replacements`, { etag, body }),
};
