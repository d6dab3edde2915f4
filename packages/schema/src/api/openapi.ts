import { z } from 'zod';
import { apiErrorSchema, loginRequestSchema } from '../access.js';
import { simCommandBodySchema, simRecordingsResponseSchema, simStatusResponseSchema } from '../sim-control.js';
import { alertActionBodySchema, alertsQuerySchema, auditQuerySchema, historyQuerySchema, latestQuerySchema, metersQuerySchema, monthlyReportQuerySchema, summaryQuerySchema } from './queries.js';
import {
  alertsResponseSchema,
  auditResponseSchema,
  commandAcceptedSchema,
  enterpriseResponseSchema,
  historyResponseSchema,
  latestResponseSchema,
  metersResponseSchema,
  parkResponseSchema,
  principalResponseSchema,
  qualityResponseSchema,
  summaryResponseSchema,
} from './responses.js';
import { baselineQuerySchema, baselineResponseSchema, budgetsQuerySchema, budgetsResponseSchema } from './budget-baseline.js';
import { enterpriseCreateSchema, enterprisePatchSchema, meterCreateSchema, meterPatchSchema, meterReplacementSchema, registryAdminResponseSchema, registryWriteResponseSchema } from './registry-admin.js';

interface Route {
  readonly method: 'get' | 'post' | 'patch' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly pathParams?: readonly string[];
  readonly ok: { readonly status: number; readonly schema?: z.ZodType; readonly file?: boolean };
  readonly public?: boolean;
  /** Needs `If-Match` with the current ETag (registry writes: 428 without, 412 when stale). */
  readonly ifMatch?: boolean;
}

/** Every REST route of the gateway, for the OpenAPI document. Handlers parse with the same schemas. */
export const API_ROUTES: readonly Route[] = [
  { method: 'post', path: '/api/v1/auth/login', summary: 'Log in; sets the lingtan_session cookie', body: loginRequestSchema, ok: { status: 200, schema: principalResponseSchema }, public: true },
  { method: 'post', path: '/api/v1/auth/logout', summary: 'End the session', ok: { status: 204 }, public: true },
  { method: 'get', path: '/api/v1/me', summary: 'Who the caller is', ok: { status: 200, schema: principalResponseSchema } },
  { method: 'get', path: '/api/v1/park', summary: 'The park and the enterprises the caller may see', ok: { status: 200, schema: parkResponseSchema } },
  { method: 'get', path: '/api/v1/enterprises/{id}', summary: 'One enterprise and its meters', pathParams: ['id'], ok: { status: 200, schema: enterpriseResponseSchema } },
  { method: 'get', path: '/api/v1/meters', summary: 'Meters of the park or of one enterprise', query: metersQuerySchema, ok: { status: 200, schema: metersResponseSchema } },
  { method: 'get', path: '/api/v1/latest', summary: 'Newest values per meter', query: latestQuerySchema, ok: { status: 200, schema: latestResponseSchema } },
  { method: 'get', path: '/api/v1/history', summary: 'A quantity over time in local-time buckets', query: historyQuerySchema, ok: { status: 200, schema: historyResponseSchema } },
  { method: 'get', path: '/api/v1/summary', summary: 'Energy (tce), carbon and cost of a period', query: summaryQuerySchema, ok: { status: 200, schema: summaryResponseSchema } },
  { method: 'get', path: '/api/v1/baseline', summary: 'Expected load profile of a local date: same-weekday median and p10-p90 of the previous weeks', query: baselineQuerySchema, ok: { status: 200, schema: baselineResponseSchema } },
  { method: 'get', path: '/api/v1/budgets', summary: 'Year and month budget progress (tce, tCO2) with forecast and cumulative series', query: budgetsQuerySchema, ok: { status: 200, schema: budgetsResponseSchema } },
  { method: 'get', path: '/api/v1/alerts', summary: 'Alerts, newest first', query: alertsQuerySchema, ok: { status: 200, schema: alertsResponseSchema } },
  { method: 'post', path: '/api/v1/alerts/{alertId}/acknowledge', summary: 'Acknowledge an alert', pathParams: ['alertId'], body: alertActionBodySchema, ok: { status: 202, schema: commandAcceptedSchema } },
  { method: 'post', path: '/api/v1/alerts/{alertId}/clear', summary: 'Clear an alert by hand', pathParams: ['alertId'], body: alertActionBodySchema, ok: { status: 202, schema: commandAcceptedSchema } },
  { method: 'get', path: '/api/v1/quality', summary: 'Meters online, completeness, dead letters today', ok: { status: 200, schema: qualityResponseSchema } },
  { method: 'get', path: '/api/v1/reports/monthly', summary: 'Monthly energy and carbon report (CSV or Excel)', query: monthlyReportQuerySchema, ok: { status: 200, file: true } },
  { method: 'get', path: '/api/v1/audit', summary: 'Audit log (admins)', query: auditQuerySchema, ok: { status: 200, schema: auditResponseSchema } },
  { method: 'get', path: '/api/v1/sim', summary: "The simulator's last status and its age (503 `sim_unavailable` when none has arrived)", ok: { status: 200, schema: simStatusResponseSchema } },
  { method: 'get', path: '/api/v1/sim/recordings', summary: 'Recordings a replay may name', ok: { status: 200, schema: simRecordingsResponseSchema } },
  { method: 'post', path: '/api/v1/sim/commands', summary: 'Drive the simulator: pause, resume, speed, faults, replays (engineers and admins)', body: simCommandBodySchema, ok: { status: 202, schema: commandAcceptedSchema } },
  { method: 'get', path: '/api/v1/admin/registry', summary: 'The whole registry with its revision and ETag (admins)', ok: { status: 200, schema: registryAdminResponseSchema } },
  { method: 'post', path: '/api/v1/admin/enterprises', summary: 'Add an enterprise (admins)', body: enterpriseCreateSchema, ifMatch: true, ok: { status: 201, schema: registryWriteResponseSchema } },
  { method: 'patch', path: '/api/v1/admin/enterprises/{id}', summary: 'Change an enterprise: name, industry, budgets (admins)', pathParams: ['id'], body: enterprisePatchSchema, ifMatch: true, ok: { status: 200, schema: registryWriteResponseSchema } },
  { method: 'delete', path: '/api/v1/admin/enterprises/{id}', summary: 'Remove an enterprise without meters or users (admins)', pathParams: ['id'], ifMatch: true, ok: { status: 200, schema: registryWriteResponseSchema } },
  { method: 'post', path: '/api/v1/admin/meters', summary: 'Add a meter (admins)', body: meterCreateSchema, ifMatch: true, ok: { status: 201, schema: registryWriteResponseSchema } },
  { method: 'patch', path: '/api/v1/admin/meters/{id}', summary: 'Change a meter: name, role, parent, interval, rollover; carrier and enterprise are immutable (409) (admins)', pathParams: ['id'], body: meterPatchSchema, ifMatch: true, ok: { status: 200, schema: registryWriteResponseSchema } },
  { method: 'delete', path: '/api/v1/admin/meters/{id}', summary: 'Remove a meter no other meter names as parent (admins)', pathParams: ['id'], ifMatch: true, ok: { status: 200, schema: registryWriteResponseSchema } },
  { method: 'post', path: '/api/v1/admin/meters/{id}/replacements', summary: 'Record a meter swap: at, final and initial registers (admins)', pathParams: ['id'], body: meterReplacementSchema, ifMatch: true, ok: { status: 201, schema: registryWriteResponseSchema } },
];

const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

function queryParameters(schema: z.ZodType): object[] {
  const js = json(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: s }));
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: json(apiErrorSchema, 'output') } } });

function operation(route: Route): object {
  const parameters = [
    ...(route.pathParams ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...(route.query ? queryParameters(route.query) : []),
    ...(route.ifMatch ? [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The ETag of GET /api/v1/admin/registry' }] : []),
  ];
  const okContent = route.ok.file
    ? { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } }
    : route.ok.schema
      ? { 'application/json': { schema: json(route.ok.schema, 'output') } }
      : undefined;
  return {
    summary: route.summary,
    ...(route.public ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(route.body, 'input') } } } } : {}),
    responses: {
      [String(route.ok.status)]: { description: 'OK', ...(okContent ? { content: okContent } : {}) },
      '400': errorResponse('Invalid request (code invalid_request, invalid_json, range_too_large, ...; field names the culprit)'),
      '401': errorResponse('Not logged in (unauthenticated) or bad credentials (invalid_credentials)'),
      '403': errorResponse('Not allowed for the caller (forbidden); audited'),
      '404': errorResponse('No such id (not_found)'),
      '429': errorResponse('Too many requests (rate_limited)'),
      ...(route.ifMatch
        ? {
            '409': errorResponse('The change is refused (conflict): an id in use, a meter moving enterprise or changing carrier; the message has the reason'),
            '412': errorResponse('The registry changed since it was read (precondition_failed): reload and retry'),
            '428': errorResponse('If-Match is missing (precondition_required)'),
            '503': errorResponse('The registry is read-only here (registry_read_only)'),
          }
        : {}),
    },
  };
}

/** The gateway's OpenAPI 3.1 document, generated from the zod schemas the handlers parse with. */
export function openApiDocument(version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of API_ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: { title: 'Lingtan gateway', version, description: 'REST API of the Lingtan park energy-carbon platform. Every error body is { error: { code, message, field? } }. Times in requests: ISO 8601 with offset or epoch ms; in responses epoch ms.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'lingtan_session' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from the users file' },
      },
    },
    security: [{ session: [] }, { apiKey: [] }],
    paths,
  };
}
