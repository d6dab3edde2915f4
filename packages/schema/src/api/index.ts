export { HISTORY_RESOLUTIONS, MAX_RANGE_MS, ALERT_LIST_STATES, alertActionBodySchema, alertIdParamSchema, alertsQuerySchema, auditQuerySchema, historyQuerySchema, latestQuerySchema, metersQuerySchema, monthlyReportQuerySchema, noQuerySchema, summaryQuerySchema } from './queries.js';
export type { AlertsQuery, HistoryQuery, HistoryResolution, LatestQuery as LatestApiQuery, MonthlyReportQuery, SummaryQuery } from './queries.js';
export { MAX_IDS_PER_LIST, idListParamSchema, timeParamSchema } from './params.js';
export {
  alertsResponseSchema,
  auditEntrySchema,
  auditResponseSchema,
  commandAcceptedSchema,
  enterpriseInfoSchema,
  enterpriseResponseSchema,
  historyResponseSchema,
  latestResponseSchema,
  meterInfoSchema,
  metersResponseSchema,
  parkResponseSchema,
  principalResponseSchema,
  qualityResponseSchema,
  summaryResponseSchema,
} from './responses.js';
export type { AuditEntry, HistoryResponse, LatestResponse, MeterInfo, ParkResponse, QualityResponse, SummaryResponse } from './responses.js';
export { SCRYPT_HASH_PATTERN, apiKeyEntrySchema, userEntrySchema, usersFileSchema } from './users-file.js';
export type { ApiKeyEntry, UserEntry, UsersFile } from './users-file.js';
export { API_ROUTES, openApiDocument } from './openapi.js';
export {
  BASELINE_DEFAULT_WEEKS,
  BASELINE_MAX_WEEKS,
  baselineQuerySchema,
  baselineResponseSchema,
  baselineSlotSchema,
  budgetFigureSchema,
  budgetPeriodSchema,
  budgetPointSchema,
  budgetsQuerySchema,
  budgetsResponseSchema,
} from './budget-baseline.js';
export type { BaselineQuery, BaselineResponse, BudgetFigure, BudgetPoint, BudgetsQuery, BudgetsResponse } from './budget-baseline.js';
export { enterpriseCreateSchema, enterprisePatchSchema, meterCreateSchema, meterPatchSchema, meterReplacementSchema, registryAdminResponseSchema, registryIdChangesSchema, registryWriteResponseSchema } from './registry-admin.js';
export type { EnterpriseCreate, EnterprisePatch, MeterCreate, MeterPatch, MeterReplacement, RegistryAdminResponse, RegistryWriteResponse } from './registry-admin.js';
export { TOU_BANDS, tariffFileSchema } from './tariff-file.js';
export type { TariffFile } from './tariff-file.js';
