import { z } from 'zod';
import { ID_PATTERN, idSchema } from './ids.js';

/**
 * Remote control of the simulator (engineers' "device simulator" page). The gateway sends
 * `SimCommand`s on `simCommandsTopic(park)` (QoS 1); the simulator started with `--control`
 * applies them and publishes its `SimStatus`, retained, on `simStatusTopic(park)` on every
 * change and every 5 s. Whether a meter exists or a recording is there is the simulator's
 * to judge (it answers in `lastCommand`); the schema only refuses what can never be right.
 */

/** Commands to a park's simulator, gateway -> simulator, QoS 1. */
export function simCommandsTopic(park: string): string {
  return `ems-int/v1/${idSchema.parse(park)}/sim/commands`;
}

/** The simulator's status, retained, so a gateway that starts later still sees it. */
export function simStatusTopic(park: string): string {
  return `ems-int/v1/${idSchema.parse(park)}/sim/status`;
}

/** Device seconds per wall second a command may set: a tenth of real time to an hour a second. */
export const SIM_SPEED_MIN = 0.1;
export const SIM_SPEED_MAX = 3600;
/** A fault injected by hand lasts at most a week of device time. */
export const SIM_FAULT_MAX_S = 7 * 86_400;

/**
 * The faults an engineer may inject into one running meter: the simulator's fault kinds
 * (simulator/src/fault-spec.ts; a unit test there keeps the two lists in step) except
 * `rollover`, which is a register's capacity rather than an event. `outage` is the meter
 * going offline; `register_reset` and `meter_replacement` happen once, at the device time the
 * command arrives; the others last `durationS` of device time.
 */
export const SIM_FAULT_KINDS = [
  'outage',
  'dropout',
  'stuck',
  'spike',
  'register_reset',
  'meter_replacement',
  'clock_skew',
  'duplicate',
  'out_of_order',
  'malformed',
  'oversized',
  'unknown_meter',
] as const;
export type SimFaultKind = (typeof SIM_FAULT_KINDS)[number];

/** Faults that fire once rather than for a while. */
export const SIM_ONE_SHOT_FAULTS: ReadonlySet<SimFaultKind> = new Set(['register_reset', 'meter_replacement']);

/**
 * A recording's file name inside the configured recordings directory: no directories, no
 * `..`, no leading dot, so a command can never name a file elsewhere on the machine.
 */
export const recordingNameSchema = z
  .string()
  .max(128)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'a file name of letters, digits, ".", "_" or "-" (no directories)')
  .refine((name) => !name.includes('..'), 'a file name without ".."');

const speedSchema = z.number().min(SIM_SPEED_MIN).max(SIM_SPEED_MAX);

const pauseBody = z.object({ kind: z.literal('pause') }).strict();
const resumeBody = z.object({ kind: z.literal('resume') }).strict();
const setSpeedBody = z.object({ kind: z.literal('set_speed'), speed: speedSchema }).strict();
const injectFaultBody = z
  .object({
    kind: z.literal('inject_fault'),
    meter: idSchema,
    fault: z.enum(SIM_FAULT_KINDS),
    /** Device seconds the fault lasts (ignored by the one-shot faults). */
    durationS: z.number().positive().max(SIM_FAULT_MAX_S).default(300),
  })
  .strict();
const clearFaultsBody = z.object({ kind: z.literal('clear_faults'), meter: idSchema.optional() }).strict();
const startReplayBody = z.object({ kind: z.literal('start_replay'), recording: recordingNameSchema, speed: speedSchema.default(1) }).strict();
const stopReplayBody = z.object({ kind: z.literal('stop_replay') }).strict();

/** What a person asks for (the gateway's POST body): a command without its id and author. */
export const simCommandBodySchema = z.discriminatedUnion('kind', [pauseBody, resumeBody, setSpeedBody, injectFaultBody, clearFaultsBody, startReplayBody, stopReplayBody]);
export type SimCommandBody = z.infer<typeof simCommandBodySchema>;
export type SimCommandKind = SimCommandBody['kind'];

/** `commandId` makes a redelivered command harmless; `by` is set by the gateway from the session. */
const envelope = { v: z.literal(1), commandId: z.uuid(), by: z.string().min(1).max(128), atMs: z.number().int() };

/** A command on the wire. */
export const simCommandSchema = z.discriminatedUnion('kind', [
  pauseBody.extend(envelope),
  resumeBody.extend(envelope),
  setSpeedBody.extend(envelope),
  injectFaultBody.extend(envelope),
  clearFaultsBody.extend(envelope),
  startReplayBody.extend(envelope),
  stopReplayBody.extend(envelope),
]);
export type SimCommand = z.infer<typeof simCommandSchema>;

/** Why the simulator refused a command. */
export const SIM_REFUSALS = ['unknown_meter', 'no_such_recording', 'bad_recording', 'not_replaying', 'faults_need_scenario', 'invalid_command'] as const;
export type SimRefusal = (typeof SIM_REFUSALS)[number];

const isoSchema = z.iso.datetime({ offset: true });

/** The outcome of the last command the simulator received. */
export const simCommandResultSchema = z.object({
  commandId: z.string().max(128),
  kind: z.string().max(32),
  by: z.string().max(128),
  ok: z.boolean(),
  code: z.enum(SIM_REFUSALS).optional(),
  reason: z.string().max(500).optional(),
  at: isoSchema,
});
export type SimCommandResult = z.infer<typeof simCommandResultSchema>;

/** One fault injected by hand, still on. */
export const simActiveFaultSchema = z.object({
  meter: idSchema,
  fault: z.enum(SIM_FAULT_KINDS),
  /** Device time the fault ends (a one-shot fault: when it fired). */
  untilDeviceTime: isoSchema,
  by: z.string().max(128),
});
export type SimActiveFault = z.infer<typeof simActiveFaultSchema>;

/** A replay in progress. */
export const simReplayProgressSchema = z.object({
  recording: recordingNameSchema,
  messagesPublished: z.number().int().nonnegative(),
  messagesTotal: z.number().int().nonnegative(),
  startedAt: isoSchema,
});
export type SimReplayProgress = z.infer<typeof simReplayProgressSchema>;

/** The simulator's status, retained on `simStatusTopic(park)`. */
export const simStatusSchema = z.object({
  v: z.literal(1),
  park: z.string().regex(ID_PATTERN),
  /** `paused`: nothing is published and device time stands still (a replay stays where it was). */
  mode: z.enum(['run', 'replay', 'paused']),
  speed: z.number().positive(),
  /** The simulated device clock. */
  deviceTime: isoSchema,
  faults: z.array(simActiveFaultSchema),
  replay: simReplayProgressSchema.nullable(),
  /** Messages the broker has acknowledged since the simulator started. */
  readingsPublished: z.number().int().nonnegative(),
  lastCommand: simCommandResultSchema.nullable(),
  updatedAt: isoSchema,
});
export type SimStatus = z.infer<typeof simStatusSchema>;

/** `GET /api/v1/sim`: the last status seen and how old it is. */
export const simStatusResponseSchema = z.object({ status: simStatusSchema, ageMs: z.number().int().nonnegative() });

/** `GET /api/v1/sim/recordings`. */
export const simRecordingsResponseSchema = z.object({
  recordings: z.array(z.object({ name: recordingNameSchema, sizeBytes: z.number().int().nonnegative(), modifiedAt: isoSchema })),
});
