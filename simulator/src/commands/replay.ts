import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readRecording, replayMessages } from '../recording-file.js';
import { createCounters, publishStream } from '../publisher.js';
import { positiveInt, positiveNumber } from './args.js';
import { BROKER_HELP, BROKER_OPTIONS, connectBroker } from './broker.js';
import { CONTROL_HELP, CONTROL_OPTIONS, countRecording } from './control.js';
import { publishControlled } from './controlled.js';
import { ratePerS, startProgress, stopSignal } from './progress.js';
import { streamSource } from '../sim-sources.js';

export const REPLAY_HELP = `Usage: pnpm sim -- replay --in FILE [options]

Publish a recording (from 'pnpm sim -- record') with QoS 1, in recorded order and with
the recorded spacing between messages (scaled by --speed).

Options:
  --in FILE               the recording (gzip NDJSON)
${BROKER_HELP}
  --speed X               recorded seconds per wall second: 1 = as recorded, 60 = an hour
                          a minute, 0 = as fast as the broker takes it (default 1)
  --shift-to-now          move device timestamps (ts, readings[].ts) so the first message
                          is stamped now; payloads that are not JSON objects are unchanged
  --max-in-flight N       QoS 1 messages awaiting PUBACK at once (default 500)
  --progress-s S          seconds between progress lines (default 5)
${CONTROL_HELP}
  --park ID               with --control: the park whose sim topics to use (default: the
                          park of the first recorded topic)
`;

/** `pnpm sim -- replay`. */
export async function replayCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...BROKER_OPTIONS,
      in: { type: 'string' },
      speed: { type: 'string', default: '1' },
      'shift-to-now': { type: 'boolean', default: false },
      'max-in-flight': { type: 'string', default: '500' },
      'progress-s': { type: 'string', default: '5' },
      ...CONTROL_OPTIONS,
      park: { type: 'string' },
    },
  });
  if (values.in === undefined) throw new Error('--in FILE is required (see pnpm sim -- replay --help)');
  const speed = values.speed === '0' ? undefined : positiveNumber(values.speed, '--speed');
  if (values.control && speed === undefined) throw new Error('--control needs --speed above 0: the commands pace the stream');
  const maxInFlight = positiveInt(values['max-in-flight'], '--max-in-flight');
  const progressMs = positiveNumber(values['progress-s'], '--progress-s') * 1000;
  // Read the first line before connecting, so a missing or corrupt file fails at once.
  const recording = readRecording(values.in);
  const first = await recording.next();
  if (first.done === true) throw new Error(`${values.in} holds no messages`);
  async function* all() {
    yield first.value;
    yield* recording;
  }
  const client = await connectBroker(values, `lingtan-replay-${process.pid}`);
  const counters = createCounters();
  const stopProgress = startProgress('replay', counters, progressMs);
  try {
    const messages = replayMessages(all(), { shiftToNow: values['shift-to-now'] });
    const signal = stopSignal();
    let summary;
    if (values.control && speed !== undefined) {
      const park = values.park ?? first.value.topic.split('/')[2] ?? '';
      // The status names the recording by a safe file name (see recordingNameSchema).
      const name = basename(values.in).replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.\./g, '_').replace(/^\./, '_').slice(0, 128);
      const base = { kind: 'recording' as const, name, source: streamSource(messages), total: await countRecording(values.in), shiftedToNow: values['shift-to-now'] };
      summary = await publishControlled(client, { park, base, speed, recordingsDir: values.recordings, counters, signal, maxInFlight });
    } else summary = await publishStream(client, messages, { speed, maxInFlight, counters, signal });
    console.error(`replay: done, ${summary.messages} messages in ${summary.elapsedMs} ms (${ratePerS(summary.messages, summary.elapsedMs)}/s), ${summary.errors} errors`);
    if (summary.errors > 0) process.exitCode = 1;
  } finally {
    stopProgress();
    await recording.return(undefined);
    await client.endAsync();
  }
}

