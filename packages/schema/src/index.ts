export { ID_PATTERN, idSchema, isValidId } from './ids.js';
export { CARRIERS, METER_ROLES, carrierSchema, meterRoleSchema } from './carriers.js';
export type { Carrier, MeterRole } from './carriers.js';
export { CARRIER_QUANTITIES, QUANTITIES, isQuantityName, quantityBelongsTo } from './quantities.js';
export type { QuantityDef, QuantityKind, QuantityName } from './quantities.js';
export {
  TELEMETRY_SUBSCRIPTION,
  UNKNOWN_PARK,
  alertCommandsTopic,
  alertsTopic,
  deadLetterTopic,
  parseTelemetryTopic,
  readingsTopic,
  telemetryTopic,
} from './topics.js';
export type { TelemetryAddress, TopicParse } from './topics.js';
export { REJECT_CODES, rejectCodeSchema } from './reject-codes.js';
export type { RejectCode } from './reject-codes.js';
export {
  MAX_PAYLOAD_BYTES,
  MAX_READINGS_PER_MESSAGE,
  deviceTsSchema,
  parseTelemetryPayload,
  telemetryPayloadSchema,
} from './telemetry.js';
export type { DeviceReading, PayloadParse, PayloadRejection } from './telemetry.js';
export { budgetsSchema, enterpriseSchema, meterSchema, parkSchema, registrySchema } from './registry.js';
export type { Budgets, Enterprise, Meter, Park, Registry } from './registry.js';
export { COAL_BASES, NATURAL_GAS_FACTOR_IDS, OIL_FUELS, PARK_SIZE_CLASSES, parkAccountingSchema } from './park-accounting.js';
export type { CoalBasisName, OilFuel, ParkAccounting, ParkSizeClass } from './park-accounting.js';
export { DEAD_LETTER_EXCERPT_CHARS, deadLetterSchema } from './dead-letter.js';
export type { DeadLetter } from './dead-letter.js';
export {
  LOG_LEVELS,
  STORE_KINDS,
  commonEnvShape,
  influxEnvShape,
  ingestorConfigSchema,
  ingestorEnvShape,
  platformConfigSchema,
  platformEnvShape,
  commonFromEnv,
  partitionOfSpec,
  partitionSpec,
  positiveInt,
  storeEnvShape,
  storeFromEnv,
  tcpPort,
  urlWithProtocols,
} from './config.js';
export type { InfluxConfig, IngestorConfig, PlatformConfig, StoreConfig } from './config.js';
export { COUNTER_MARKS, DELTA_SUFFIX, MAX_NORMALIZED_BATCH, counterMarkSchema, normalizedBatchSchema, normalizedReadingSchema } from './normalized.js';
export type { CounterMark, NormalizedBatch, NormalizedReading } from './normalized.js';
export { readingsSubscription } from './topics.js';
export {
  ALERTABLE_MARKS,
  RULE_KINDS,
  SEVERITIES,
  counterMarkRuleSchema,
  offlineRuleSchema,
  ruleKindSchema,
  ruleSchema,
  ruleSubjectSchema,
  rulesFileSchema,
  severitySchema,
  thresholdRuleSchema,
} from './rules.js';
export type {
  AnomalyRule,
  BudgetRule,
  CompletenessRule,
  CounterMarkRule,
  GreenShareRule,
  MaxDemandRule,
  OfflineRule,
  Rule,
  RuleKind,
  RuleSubject,
  RulesFile,
  Severity,
  StorageSocRule,
  StuckRule,
  ThresholdRule,
  ZeroCarbonRule,
} from './rules.js';
export { ALERT_EVENT_TYPES, ALERT_STATES, alertEventSchema, alertEventTypeSchema, alertOwnerSchema, alertSchema, alertStateSchema, recommendationSchema } from './alerts.js';
export type { Alert, AlertClearReason, AlertEvent, AlertEventType, AlertOwner, AlertState, Recommendation } from './alerts.js';
export { alertTextCodeSchema, alertTextParamsSchema } from './alert-messages.js';
export {
  ALERT_PARAM_MAX_CHARS,
  ALERT_PARAMS_MAX,
  ALERT_TEXT_TEMPLATES_EN,
  alertMessageOf,
  alertSummaryOf,
  alertText,
  composeAlertMessage,
  formatAlertTemplate,
  formatAlertTextEn,
} from './alert-templates.js';
export type { AlertText, AlertTextCode, AlertTextParams, AlertWord } from './alert-templates.js';
export { ALERT_TEXT_TEMPLATES_ZH, ALERT_WORDS_ZH, QUANTITY_NAMES_ZH, alertMessageZh, alertWordZh, recommendationZh } from './alert-templates-zh.js';
export { rulesConfigSchema, rulesEnvShape } from './config.js';
export type { RulesConfig } from './config.js';
export { RECEIVER_FORMATS, receiverSchema } from './notifications.js';
export type { Receiver } from './notifications.js';
export { alertCommandSchema } from './alert-commands.js';
export {
  SIM_FAULT_KINDS,
  SIM_FAULT_MAX_S,
  SIM_ONE_SHOT_FAULTS,
  SIM_REFUSALS,
  SIM_SPEED_MAX,
  SIM_SPEED_MIN,
  recordingNameSchema,
  simActiveFaultSchema,
  simCommandBodySchema,
  simCommandResultSchema,
  simCommandSchema,
  simCommandsTopic,
  simRecordingsResponseSchema,
  simReplayProgressSchema,
  simStatusResponseSchema,
  simStatusSchema,
  simStatusTopic,
} from './sim-control.js';
export type { SimActiveFault, SimCommand, SimCommandBody, SimCommandKind, SimCommandResult, SimFaultKind, SimRefusal, SimReplayProgress, SimStatus } from './sim-control.js';
export type { AlertCommand } from './alert-commands.js';
export { ROLES, apiErrorSchema, loginRequestSchema, principalSchema, roleSchema } from './access.js';
export type { ApiError, LoginRequest, Principal, Role } from './access.js';
export {
  LIVE_LEVELS,
  LIVE_NAMESPACE,
  alertCountsSchema,
  enterpriseSummarySchema,
  flowLinkSchema,
  flowNodeSchema,
  joinResultSchema,
  liveLevelSchema,
  meterUpdateSchema,
  parkSummarySchema,
  roomRequestSchema,
} from './live.js';
export type {
  AlertCounts,
  EnterpriseSummary,
  FlowLink,
  FlowNode,
  JoinResult,
  LiveClientToServer,
  LiveLevel,
  LiveServerToClient,
  MeterUpdate,
  ParkSummary,
  RoomRequest,
} from './live.js';
export { gatewayConfigSchema, gatewayEnvShape } from './gateway-config.js';
export type { GatewayConfig } from './gateway-config.js';
// The REST contract: api/index.ts is its one list of exports.
export * from './api/index.js';
export { STORE_WIRE, storeAggregateSchema, storePointSchema, storeResolutionSchema, storeWireErrorSchema } from './store-wire.js';
export type { StoreWireError, StoreWireRoute } from './store-wire.js';
