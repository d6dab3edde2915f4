import { alertCommandSchema } from '@lingtan/schema';
import type { AlertCommand, AlertEvent } from '@lingtan/schema';
import type { RuleEngine } from './engine.js';

/** Why a command was not applied; counted per code and logged. */
export type CommandRefusal = 'bad_json' | 'bad_command' | 'alert_unknown' | 'alert_cleared' | 'not_owned';

/** What one command message did. */
export type CommandOutcome =
  | { readonly ok: true; readonly event: AlertEvent; readonly command: AlertCommand }
  | { readonly ok: true; readonly duplicate: true; readonly commandId: string }
  | { readonly ok: false; readonly code: CommandRefusal; readonly detail: string; readonly commandId?: string };

/**
 * Applies people's acknowledge and clear commands (from the gateway on
 * `ems-int/v1/{park}/alert-commands`) through the engine's lifecycle. Pure apart from the
 * engine it drives: a repeated `commandId` (a QoS 1 redelivery, a retry) is a no-op, a bad
 * message or a command for an unknown or cleared alert is a refusal value, never a throw.
 *
 * Partitioned: every instance receives every command, and only the instance that owns the
 * alert's enterprise knows the alert. `partitioned` makes an unknown alert `not_owned`
 * (another instance's, not worth a warning) instead of `alert_unknown`.
 */
export class CommandHandler {
  private readonly seen = new Set<string>();

  constructor(
    private readonly engine: RuleEngine,
    private readonly partitioned: boolean,
    /** Command ids remembered for dedup; the oldest are forgotten first. */
    private readonly rememberIds = 10_000,
  ) {}

  handle(payload: Buffer | string): CommandOutcome {
    let json: unknown;
    try {
      json = JSON.parse(payload.toString());
    } catch (error) {
      return { ok: false, code: 'bad_json', detail: error instanceof Error ? error.message : 'not JSON' };
    }
    const parsed = alertCommandSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, code: 'bad_command', detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
    }
    const command = parsed.data;
    if (this.seen.has(command.commandId)) return { ok: true, duplicate: true, commandId: command.commandId };
    const result =
      command.type === 'acknowledge'
        ? this.engine.acknowledge(command.alertId, command.by, command.atMs, command.comment)
        : this.engine.clearByHand(command.alertId, command.by, command.atMs, command.comment);
    if (!result.ok) {
      const code = result.code === 'alert_unknown' && this.partitioned ? 'not_owned' : result.code;
      return { ok: false, code, detail: result.detail, commandId: command.commandId };
    }
    this.remember(command.commandId);
    return { ok: true, event: result.event, command };
  }

  private remember(commandId: string): void {
    this.seen.add(commandId);
    if (this.seen.size > this.rememberIds) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
