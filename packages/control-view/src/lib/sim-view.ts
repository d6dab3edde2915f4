import type { SimCommandResult, SimFaultKind, SimStatus } from '@lingtan/schema';

/** Speeds offered by the selector: real time, 10x, a minute a second, 5 min, a day a minute, an hour a second. */
export const SIM_SPEEDS = [1, 10, 60, 300, 1440, 3600] as const;

/**
 * The fault kinds of the form, in the order offered (the schema's list is a value, and the view
 * imports the schema for types only, so it is repeated here; the check below fails the build
 * when the schema gains a kind the form lacks).
 */
export const SIM_VIEW_FAULTS = ['outage', 'stuck', 'spike', 'dropout', 'register_reset', 'meter_replacement', 'clock_skew', 'duplicate', 'out_of_order', 'malformed', 'oversized', 'unknown_meter'] as const satisfies readonly SimFaultKind[];
type MissingFault = Exclude<SimFaultKind, (typeof SIM_VIEW_FAULTS)[number]>;
/** `true` only while every kind is offered. */
export const SIM_VIEW_FAULTS_COMPLETE: [MissingFault] extends [never] ? true : never = true;

/** Fault durations offered, in device seconds. */
export const SIM_FAULT_DURATIONS_S = [60, 300, 900, 3600, 4 * 3600, 86_400] as const;

/** Replay progress in percent (0 for an empty recording), or null when nothing replays. */
export function replayPct(status: SimStatus): number | null {
  const r = status.replay;
  if (r === null) return null;
  return r.messagesTotal === 0 ? 0 : Math.min(100, (100 * r.messagesPublished) / r.messagesTotal);
}

/** A command the simulator has not answered within this is reported as unanswered (it answers within a status, under a second). */
export const SIM_ANSWER_TIMEOUT_MS = 10_000;

/**
 * Where the engineer's last command stands: sent and not yet answered by the simulator
 * (its status does not carry that commandId yet), unanswered for too long (no simulator is
 * taking commands: the broker drops a command nobody subscribes to), applied, or refused.
 */
export type CommandState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sent'; readonly commandId: string }
  | { readonly kind: 'unanswered'; readonly commandId: string }
  | { readonly kind: 'answered'; readonly result: SimCommandResult };

/** The state of the command `sent` (at `sent.atMs`) given the simulator's newest status, at `nowMs`. */
export function commandState(sent: { readonly commandId: string; readonly atMs: number } | undefined, status: SimStatus | undefined, nowMs: number): CommandState {
  const last = status?.lastCommand ?? null;
  if (sent !== undefined && last?.commandId !== sent.commandId) return { kind: nowMs - sent.atMs > SIM_ANSWER_TIMEOUT_MS ? 'unanswered' : 'sent', commandId: sent.commandId };
  return last === null ? { kind: 'idle' } : { kind: 'answered', result: last };
}

/** A byte count for people: 1.2 MB, 340 kB, 12 B. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/** A status older than this (the simulator publishes every 5 s) means the simulator is gone. */
export const SIM_STATUS_STALE_MS = 15_000;
