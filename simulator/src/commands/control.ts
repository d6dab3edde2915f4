import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { simCommandSchema, simCommandsTopic, simStatusTopic } from '@lingtan/schema';
import { readRecording, replayMessages } from '../recording-file.js';
import type { OpenedRecording, SimController } from '../sim-controller.js';
import { streamSource } from '../sim-sources.js';

/** Options for `parseArgs`, shared by `run` and `replay`. */
export const CONTROL_OPTIONS = {
  control: { type: 'boolean', default: false },
  recordings: { type: 'string', default: './data/recordings' },
} as const;

/** Help text for `CONTROL_OPTIONS`. */
export const CONTROL_HELP = `  --control               take commands (pause, resume, set_speed, inject_fault, clear_faults,
                          start_replay, stop_replay) on ems-int/v1/{park}/sim/commands and
                          publish the status, retained, on ems-int/v1/{park}/sim/status
  --recordings DIR        where start_replay finds recordings (default ./data/recordings)`;

/** The status goes out at least this often, so a watcher can tell a live simulator from a stale one. */
export const STATUS_EVERY_MS = 5000;

/** How many messages a recording holds; fails naming the line that does not parse. */
export async function countRecording(path: string): Promise<number> {
  let count = 0;
  for await (const _message of readRecording(path)) count++;
  return count;
}

/**
 * Open recordings by file name inside `dir` (the name is a checked file name, no
 * directories). Replays are stamped to now, so the platform takes them as fresh readings.
 */
export function recordingsIn(dir: string): (name: string) => Promise<OpenedRecording> {
  return async (name) => {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() !== true) return { ok: false, code: 'no_such_recording', reason: `no recording "${name}" in the recordings directory` };
    let total: number;
    try {
      total = await countRecording(path);
    } catch (error) {
      return { ok: false, code: 'bad_recording', reason: `${name}: ${(error as Error).message.replace(dir, '')}` };
    }
    if (total === 0) return { ok: false, code: 'bad_recording', reason: `${name} holds no messages` };
    return { ok: true, total, shiftedToNow: true, source: streamSource(replayMessages(readRecording(path), { shiftToNow: true })) };
  };
}

/** Fields of a command that did not parse, so its refusal can still name it. */
function aboutOf(json: unknown): { commandId: string; kind: string; by: string } {
  const field = (name: string, max: number) => {
    const value = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value.slice(0, max) : '';
  };
  // The limits of simCommandResultSchema.
  return { commandId: field('commandId', 128), kind: field('kind', 32), by: field('by', 128) };
}

/** A running control link; `stop` ends the subscription and the status timer. */
export interface ControlLink {
  /** Publish the status now (coalesced: several changes in one turn publish once). */
  changed(): void;
  stop(): Promise<void>;
}

/**
 * Subscribe to the park's commands (QoS 1) and publish the controller's status, retained, on
 * change and every 5 s. A command that does not parse is refused in the status, never applied.
 */
export async function startControl(client: MqttClient, park: string, controller: () => SimController, log: (line: string) => void): Promise<ControlLink> {
  const commandsTopic = simCommandsTopic(park);
  const statusTopic = simStatusTopic(park);
  let scheduled = false;
  const publishStatus = () => {
    scheduled = false;
    client.publish(statusTopic, JSON.stringify(controller().status()), { qos: 1, retain: true }, () => undefined);
  };
  const changed = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(publishStatus);
  };
  const onMessage = (topic: string, payload: Buffer) => {
    if (topic !== commandsTopic) return;
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      controller().refuseInvalid(aboutOf(undefined), 'the command is not JSON');
      return;
    }
    const parsed = simCommandSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      controller().refuseInvalid(aboutOf(json), `${issue?.path.join('.') || '(command)'}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    controller()
      .apply(parsed.data)
      .then((result) => {
        if (result !== undefined) log(`sim: ${result.kind} by ${result.by}: ${result.ok ? 'done' : `refused (${result.code}: ${result.reason})`}`);
      })
      .catch((error: unknown) => log(`sim: command ${parsed.data.commandId} failed: ${String(error)}`));
  };
  client.on('message', onMessage);
  const granted = await client.subscribeAsync(commandsTopic, { qos: 1 });
  if (granted.some((g) => g.qos === 128)) throw new Error(`the broker refused the subscription to ${commandsTopic}`);
  const timer = setInterval(publishStatus, STATUS_EVERY_MS);
  publishStatus();
  log(`sim: taking commands on ${commandsTopic}, status on ${statusTopic}`);
  return {
    changed,
    stop: async () => {
      clearInterval(timer);
      client.removeListener('message', onMessage);
      await client.publishAsync(statusTopic, JSON.stringify(controller().status()), { qos: 1, retain: true }).catch(() => undefined);
      await client.unsubscribeAsync(commandsTopic).catch(() => undefined);
    },
  };
}
