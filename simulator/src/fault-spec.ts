import { MAX_PAYLOAD_BYTES, idSchema } from '@lingtan/schema';
import { z } from 'zod';

/** Every fault the simulator can inject. */
export const FAULT_KINDS = [
  'dropout',
  'outage',
  'duplicate',
  'out_of_order',
  'register_reset',
  'meter_replacement',
  'rollover',
  'stuck',
  'spike',
  'clock_skew',
  'malformed',
  'oversized',
  'unknown_meter',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** A device time in a fault file: RFC 3339 with an offset, or epoch ms. */
export const deviceTimeSchema = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true, local: false }).transform((s) => Date.parse(s))], {
  error: 'expected epoch ms or RFC 3339 with an offset, e.g. 2026-11-22T09:00:00+08:00',
});

/**
 * One fault. When it fires: `rate` (probability per reading), `at` (the first reading at or
 * after each time), or `from`/`to` (every reading in the window). Once fired it lasts
 * `duration_s` of device time (0: the firing reading only). `rollover` needs no trigger:
 * it is the register's capacity, always on for the meters named.
 */
export const faultSpecSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    meters: z.array(idSchema).min(1).optional().describe('meters affected; default: every meter'),
    rate: z.number().min(0).max(1).optional(),
    at: z.array(deviceTimeSchema).min(1).optional(),
    from: deviceTimeSchema.optional(),
    to: deviceTimeSchema.optional(),
    duration_s: z.number().nonnegative().default(0),
    factor: z.number().finite().default(10).describe('spike: multiplier of the first instant quantity'),
    skew_ms: z.number().int().default(3_600_000).describe('clock_skew: added to ts'),
    modulus: z.number().positive().default(100_000).describe('rollover: register capacity'),
    bytes: z.number().int().positive().default(MAX_PAYLOAD_BYTES + 1024).describe('oversized: payload size'),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const triggers = [spec.rate !== undefined, spec.at !== undefined, spec.from !== undefined || spec.to !== undefined].filter(Boolean).length;
    if (spec.kind === 'rollover') {
      if (triggers > 0) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'rollover is always on for its meters: give modulus, not rate, at or from/to' });
      return;
    }
    if (triggers !== 1) ctx.addIssue({ code: 'custom', path: ['kind'], message: `${spec.kind}: give exactly one of rate, at, or from and to` });
    if ((spec.from === undefined) !== (spec.to === undefined)) ctx.addIssue({ code: 'custom', path: [spec.from === undefined ? 'from' : 'to'], message: 'from and to go together' });
    if (spec.from !== undefined && spec.to !== undefined && spec.to <= spec.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
    const lasting = spec.duration_s > 0 || spec.from !== undefined;
    if ((spec.kind === 'outage' || spec.kind === 'stuck') && !lasting) ctx.addIssue({ code: 'custom', path: ['duration_s'], message: `${spec.kind} lasts a while: give duration_s above 0, or from and to` });
  });

export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** A fault file: `faults: [...]`. */
export const faultFileSchema = z.object({ faults: z.array(faultSpecSchema) }).strict();

/** Zod issues as `path: message` lines, with `source` in front. */
export function formatIssues(source: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 20).map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  const more = error.issues.length > 20 ? `\n  ... and ${error.issues.length - 20} more` : '';
  return `${source}:\n${lines.join('\n')}${more}`;
}

/** Parse fault specs; errors name each bad path. */
export function parseFaults(raw: unknown, source: string): FaultSpec[] {
  const parsed = faultFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(formatIssues(source, parsed.error));
  return parsed.data.faults;
}

/** `--fault kind:rate` (e.g. `dropout:0.01`), the command line's short form of a fleet-wide fault. */
export function parseFaultOption(text: string): FaultSpec {
  const [kind, rate, extra] = text.split(':');
  if (extra !== undefined || kind === undefined || rate === undefined) throw new Error(`--fault expects kind:rate, e.g. dropout:0.01, got "${text}"`);
  const duration = kind === 'outage' || kind === 'stuck' ? { duration_s: 300 } : {};
  return parseFaults({ faults: [{ kind, rate: Number(rate), ...duration }] }, `--fault ${text}`)[0]!;
}
