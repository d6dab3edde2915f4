import type { MqttClient } from 'mqtt';
import { publishStream, sleep } from '../publisher.js';
import type { PublishCounters, PublishSummary } from '../publisher.js';
import { createSimController } from '../sim-controller.js';
import type { BaseStream } from '../sim-controller.js';
import type { ControlLink } from './control.js';
import { recordingsIn, startControl } from './control.js';

/** What `run --control` and `replay --control` publish. */
export interface ControlledRun {
  readonly park: string;
  readonly base: BaseStream;
  readonly speed: number;
  readonly recordingsDir: string;
  readonly counters: PublishCounters;
  readonly signal: AbortSignal;
  readonly maxInFlight?: number;
}

/** Publish `base` under remote control until it ends, a stop_replay ends a replay-only run, or the signal fires. */
export async function publishControlled(client: MqttClient, run: ControlledRun): Promise<PublishSummary> {
  // The link needs the controller and the controller reports changes to the link.
  const link: { current?: ControlLink } = {};
  const controller = createSimController({
    park: run.park,
    base: run.base,
    speed: run.speed,
    openRecording: recordingsIn(run.recordingsDir),
    nowMs: Date.now,
    sleep,
    published: () => run.counters.acked,
    onChange: () => link.current?.changed(),
  });
  const control = await startControl(client, run.park, () => controller, (line) => console.error(line));
  link.current = control;
  try {
    // The controller paces; publishStream only bounds the messages in flight.
    return await publishStream(client, controller.messages(run.signal), { counters: run.counters, signal: run.signal, ...(run.maxInFlight === undefined ? {} : { maxInFlight: run.maxInFlight }) });
  } finally {
    await control.stop();
  }
}
