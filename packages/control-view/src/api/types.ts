import type { Carrier, MeterRole, Principal, Severity } from '@lingtan/schema';

/** REST response bodies of the gateway (docs in the gateway's /api/docs). Times are epoch ms. */

/** `GET /api/v1/baseline` and `GET /api/v1/budgets`: the contract's own types (type-only, no zod in the bundle). */
export type { BaselineResponse, BudgetFigure, BudgetPoint, BudgetsResponse } from '@lingtan/schema';

/** `GET /api/v1/me`, `POST /api/v1/auth/login`. */
export interface MeResponse {
  readonly principal: Principal;
}

/** One enterprise in the registry. */
export interface EnterpriseRef {
  readonly id: string;
  readonly name: string;
  readonly industry?: string;
}

/** `GET /api/v1/park`. */
export interface ParkResponse {
  readonly park: { readonly id: string; readonly name: string; readonly timezone: string; readonly province?: string };
  readonly enterprises: readonly EnterpriseRef[];
  readonly factorSet: string;
}

/** A meter of the registry. */
export interface MeterRef {
  readonly id: string;
  readonly name?: string;
  readonly enterprise: string;
  readonly carrier: Carrier;
  readonly role: MeterRole;
  readonly parent: string | null;
  readonly interval_s: number;
}

/** `GET /api/v1/enterprises/:id`. */
export interface EnterpriseResponse {
  readonly enterprise: EnterpriseRef;
  readonly meters: readonly MeterRef[];
}

/** One meter's newest values. */
export interface LatestPoint {
  readonly meter: string;
  readonly enterprise: string;
  readonly carrier: Carrier;
  readonly ts: number;
  readonly values: Readonly<Record<string, number>>;
  readonly stale: boolean;
}

/** `GET /api/v1/latest`. */
export interface LatestResponse {
  readonly points: readonly LatestPoint[];
}

/** Resolutions of the history API. */
export const RESOLUTIONS = ['raw', '1m', '15m', '1h', '1d', '1mo'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** One series of `GET /api/v1/history`. */
export interface HistorySeries {
  readonly meter: string;
  readonly enterprise: string;
  readonly quantity: string;
  readonly unit: string;
  readonly points: readonly (readonly [number, number])[];
}

/** `GET /api/v1/history`. */
export interface HistoryResponse {
  readonly resolution: Resolution;
  readonly timezone: string;
  readonly series: readonly HistorySeries[];
}

/** `GET /api/v1/summary`; `costByPeriod` (CNY per tariff period) only where the gateway has tariffs. */
export interface SummaryResponse {
  readonly scope: 'park' | 'enterprise' | 'meter';
  readonly id: string;
  readonly period: { readonly startMs: number; readonly endMs: number; readonly label: string };
  readonly factorSet: string;
  readonly energyTce: number;
  readonly co2T: { readonly total: number; readonly scope1: number; readonly scope2Location: number };
  readonly electricityKwh: number;
  readonly costCny: number | null;
  readonly costByPeriod?: Readonly<Record<string, number>>;
  readonly budgetTce?: number | null;
}

/** `GET /api/v1/quality`. */
export interface QualityResponse {
  readonly meters: readonly { readonly meter: string; readonly enterprise: string; readonly carrier: Carrier; readonly lastReadingMs: number | null; readonly online: boolean }[];
  readonly completeness: readonly { readonly enterprise: string; readonly pct: number }[];
  readonly deadLetters: { readonly today: number; readonly byCode: Readonly<Record<string, number>> };
}

/** Filters of `GET /api/v1/alerts`. */
export interface AlertQuery {
  readonly state?: 'active' | 'acknowledged' | 'cleared' | 'open';
  readonly severity?: Severity;
  readonly enterprise?: string;
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
}
