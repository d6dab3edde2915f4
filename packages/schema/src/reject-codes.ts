import { z } from 'zod';

/**
 * Why a telemetry message (or one reading of it) was rejected. Stable: dashboards, alerts
 * and tests key on these codes.
 */
export const REJECT_CODES = {
  topic_invalid: 'the topic is not ems/v1/{parkId}/{enterpriseId}/{meterId}/telemetry',
  payload_too_large: 'the payload is larger than 64 KiB',
  payload_not_utf8: 'the payload is not valid UTF-8',
  payload_not_json: 'the payload is not JSON',
  schema_violation: 'the payload does not match the telemetry schema',
  non_finite_value: 'a value is not a finite number',
  timestamp_invalid: 'the timestamp is neither epoch milliseconds nor RFC 3339 with an offset',
  timestamp_out_of_window: 'the device timestamp is too far in the future or the past',
  unknown_park: 'the park is not the one in the registry',
  unknown_meter: 'the meter is not in the registry',
  meter_enterprise_mismatch: 'the meter belongs to another enterprise',
  unknown_quantity: 'the quantity is not in the catalogue',
  quantity_not_for_carrier: "the quantity does not belong to the meter's carrier",
  value_out_of_range: 'the value is outside the plausible range for its quantity',
  store_refused: 'the time-series store refused the reading for good (e.g. a field type conflict)',
} as const;

export type RejectCode = keyof typeof REJECT_CODES;

export const rejectCodeSchema = z.enum(Object.keys(REJECT_CODES) as [RejectCode, ...RejectCode[]]);
