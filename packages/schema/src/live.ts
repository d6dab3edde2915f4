import { z } from 'zod';
import type { AlertEvent } from './alerts.js';
import { carrierSchema } from './carriers.js';
import { idSchema } from './ids.js';
import { SEVERITIES } from './severity.js';

/**
 * The live feed's contract (socket.io, namespace `/live`), shared by `services/gateway` and
 * `packages/control-view`. A client asks to join rooms; the gateway authorizes every join
 * from the caller's session (never from what the client says about itself), answers with a
 * snapshot, then sends updates. All powers in kW, energies in the unit their name says,
 * times epoch ms.
 */

/** Budget warning colours (能耗预警 / 双控 bands) as the domain computes them; grey = not enough data. */
export const LIVE_LEVELS = ['green', 'yellow', 'orange', 'red', 'grey'] as const;
export const liveLevelSchema = z.enum(LIVE_LEVELS);

/** Active (open) alerts per severity. */
export const alertCountsSchema = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int().nonnegative()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>);

/** One enterprise's live figures (today = since the park's local midnight). */
export const enterpriseSummarySchema = z.object({
  enterprise: idSchema,
  name: z.string(),
  industry: z.string().optional(),
  loadKw: z.number(),
  todayKwh: z.number(),
  todayTce: z.number(),
  todayTco2: z.number(),
  /** tce per 10,000 CNY of output, when output is metered or configured; else null. */
  intensityTcePer10kCny: z.number().nullable(),
  /** Share of today's electricity that was green (PV, green contracts), percent. */
  greenSharePct: z.number().nullable(),
  budget: z.object({ level: liveLevelSchema, usedPct: z.number().nullable() }),
  /** 零碳绿码 colour and the reasons behind it. */
  greenCode: z.object({ colour: z.enum(['green', 'yellow', 'red', 'grey']), reasons: z.array(z.string()) }),
  activeAlerts: z.number().int().nonnegative(),
  metersOnline: z.number().int().nonnegative(),
  metersTotal: z.number().int().nonnegative(),
  /** Newest device time of any of its readings, or null before the first. */
  lastReadingMs: z.number().int().nullable(),
});

/** A node and a link of the park's energy-flow (Sankey) diagram, sources -> carriers -> enterprises. */
export const flowNodeSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(['source', 'carrier', 'enterprise']) });
export const flowLinkSchema = z.object({ source: z.string(), target: z.string(), valueKw: z.number().nonnegative() });

/** The whole park, once a second to the park room (park operators, engineers, admins). */
export const parkSummarySchema = z.object({
  park: idSchema,
  name: z.string(),
  atMs: z.number().int(),
  timezone: z.string(),
  /** The factor set every carbon figure here used, `id@version`. */
  factorSet: z.string(),
  power: z.object({
    loadKw: z.number(),
    pvKw: z.number(),
    /** Positive while discharging into the park, negative while charging. */
    storageKw: z.number(),
    storageSocPct: z.number().nullable(),
    gridImportKw: z.number(),
    gridExportKw: z.number(),
    chpHeatKw: z.number(),
  }),
  greenShare: z.object({ nowPct: z.number().nullable(), todayPct: z.number().nullable() }),
  carbon: z.object({ rateTco2PerH: z.number(), todayTco2: z.number(), budgetTco2: z.number().nullable(), level: liveLevelSchema }),
  energy: z.object({ todayTce: z.number(), budgetTce: z.number().nullable(), level: liveLevelSchema }),
  zeroCarbon: z.object({
    /** Carbon per unit of energy, tCO2/tce, today so far. */
    tco2PerTce: z.number().nullable(),
    thresholdTco2PerTce: z.number().nullable(),
    status: z.enum(['met', 'near', 'missed', 'unknown']),
    /** True while any factor used is below grade A. */
    provisional: z.boolean(),
  }),
  alerts: alertCountsSchema,
  flows: z.object({ nodes: z.array(flowNodeSchema), links: z.array(flowLinkSchema) }),
  enterprises: z.array(enterpriseSummarySchema),
  quality: z.object({ metersTotal: z.number().int(), metersOnline: z.number().int(), metersOffline: z.number().int(), deadLettersToday: z.number().int() }),
  /** Newest reading time in the park; the view marks figures stale when it is old. */
  lastReadingMs: z.number().int().nullable(),
});

/** One meter's newest values (`values` in wire units, e.g. `power_kw`). */
export const meterUpdateSchema = z.object({
  meter: idSchema,
  enterprise: idSchema,
  carrier: carrierSchema,
  ts: z.number().int(),
  values: z.record(z.string(), z.number()),
});

/** What a client may join. A meter room sends `meters:update` for that meter. */
export const roomRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('park') }),
  z.object({ kind: z.literal('enterprise'), enterprise: idSchema }),
  z.object({ kind: z.literal('meter'), meter: idSchema }),
]);

/** The answer to a join or leave: refused joins name a stable code (and are audited). */
export const joinResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), room: z.string() }),
  z.object({ ok: z.literal(false), code: z.enum(['forbidden', 'not_found', 'invalid']), message: z.string() }),
]);

export type LiveLevel = z.infer<typeof liveLevelSchema>;
export type AlertCounts = z.infer<typeof alertCountsSchema>;
export type EnterpriseSummary = z.infer<typeof enterpriseSummarySchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowLink = z.infer<typeof flowLinkSchema>;
export type ParkSummary = z.infer<typeof parkSummarySchema>;
export type MeterUpdate = z.infer<typeof meterUpdateSchema>;
export type RoomRequest = z.infer<typeof roomRequestSchema>;
export type JoinResult = z.infer<typeof joinResultSchema>;

/** Events the gateway sends. */
export interface LiveServerToClient {
  /** On joining the park room, then once a second. */
  'park:summary': (summary: ParkSummary) => void;
  /** On joining an enterprise room, then once a second. */
  'enterprise:summary': (summary: EnterpriseSummary) => void;
  /** Newest values of the meters whose rooms the client joined, at most once a second. */
  'meters:update': (updates: MeterUpdate[]) => void;
  /** An alert lifecycle event, to the park room and to the owner's enterprise room. */
  alert: (event: AlertEvent) => void;
}

/** Events a client sends; every one answers through its acknowledgement callback. */
export interface LiveClientToServer {
  join: (room: RoomRequest, ack: (result: JoinResult) => void) => void;
  leave: (room: RoomRequest, ack: (result: JoinResult) => void) => void;
}

/** The socket.io namespace of the live feed. */
export const LIVE_NAMESPACE = '/live';
