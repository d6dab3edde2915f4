import type { Alert } from '@lingtan/schema';
import type { AlertQuery, BaselineResponse, BudgetsResponse, EnterpriseResponse, HistoryResponse, LatestResponse, MeResponse, ParkResponse, QualityResponse, Resolution, SummaryResponse } from './types.js';

/** A refused or failed request, with the gateway's stable error code when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const e = body.error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string';
}

/** Sends one request to the gateway (same origin: the session cookie rides along). */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  const res = await fetch(`/api/v1${path}`, { ...init, headers, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (isErrorBody(body)) throw new ApiRequestError(res.status, body.error.code, body.error.message);
    throw new ApiRequestError(res.status, 'http_error', `HTTP ${res.status}`);
  }
  return body as T;
}

function query(params: Readonly<Record<string, string | number | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/** The gateway's REST API, one function per route. */
export const api = {
  login: (username: string, password: string) => request<MeResponse>('/auth/login', { method: 'POST', body: JSON.stringify({ username, password }) }),
  logout: () => request<undefined>('/auth/logout', { method: 'POST' }),
  me: () => request<MeResponse>('/me'),
  park: () => request<ParkResponse>('/park'),
  enterprise: (id: string) => request<EnterpriseResponse>(`/enterprises/${encodeURIComponent(id)}`),
  latest: (enterprise: string) => request<LatestResponse>(`/latest${query({ enterprise })}`),
  history: (p: { meter?: string; enterprise?: string; quantity: string; from: number; to: number; resolution: Resolution }) =>
    request<HistoryResponse>(`/history${query({ ...p, from: p.from, to: p.to })}`),
  summary: (scope: 'park' | 'enterprise', id: string, period: 'day' | 'month' | 'year') => request<SummaryResponse>(`/summary${query({ scope, id, period })}`),
  alerts: (q: AlertQuery) => request<{ alerts: Alert[] }>(`/alerts${query({ ...q })}`),
  acknowledge: (alertId: string, comment: string) =>
    request<{ accepted: true; commandId: string }>(`/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST', body: JSON.stringify(comment === '' ? {} : { comment }) }),
  clear: (alertId: string, comment: string) =>
    request<{ accepted: true; commandId: string }>(`/alerts/${encodeURIComponent(alertId)}/clear`, { method: 'POST', body: JSON.stringify(comment === '' ? {} : { comment }) }),
  quality: () => request<QualityResponse>('/quality'),
  /** The expected profile of a local date (YYYY-MM-DD) for an enterprise or a meter. */
  baseline: (p: { enterprise?: string; meter?: string; date: string; quantity?: string; weeks?: number; resolution?: '15m' | '1h' }) => request<BaselineResponse>(`/baseline${query(p)}`),
  /** Year and month budget progress of an enterprise, or of the park without one. */
  budgets: (enterprise?: string) => request<BudgetsResponse>(`/budgets${query({ enterprise })}`),
};

/** The monthly report's download URL (a plain link: the browser handles Content-Disposition). */
export function monthlyReportUrl(scope: 'park' | 'enterprise', id: string, month: string, format: 'csv' | 'xlsx'): string {
  return `/api/v1/reports/monthly${query({ scope, id, month, format })}`;
}
