import { parseArgs } from 'node:util';
import { startRecorder } from '../recording-file.js';
import { sleep } from '../publisher.js';
import { positiveInt, positiveNumber } from './args.js';
import { BROKER_HELP, BROKER_OPTIONS, connectBroker } from './broker.js';
import { stopSignal } from './progress.js';

export const RECORD_HELP = `Usage: pnpm sim -- record --out FILE [options]

Subscribe to a broker and write every message (topic, payload, receive time) to a
gzip-compressed NDJSON file, one message a line:
  {"receivedMs": 1763776800123, "topic": "ems/v1/...", "payload": "{...}"}
(payloadBase64 instead of payload when the bytes are not UTF-8). Stops on Ctrl-C,
after --duration-s or after --count messages.

Options:
  --out FILE              the recording to write (e.g. park.ndjson.gz)
  --topic FILTER          topic filter, repeatable (default: # , every message)
${BROKER_HELP}
  --duration-s S          stop after S seconds
  --count N               stop after N messages
  --progress-s S          seconds between progress lines (default 5)
`;

/** Resolve once `count` messages are recorded, or never when there is no count. */
async function countReached(recorder: { readonly count: number }, count: number | undefined, signal: AbortSignal): Promise<void> {
  if (count === undefined) return new Promise(() => undefined);
  while (recorder.count < count && !signal.aborted) await sleep(50, signal);
}

/** `pnpm sim -- record`. */
export async function recordCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...BROKER_OPTIONS,
      out: { type: 'string' },
      topic: { type: 'string', multiple: true },
      'duration-s': { type: 'string' },
      count: { type: 'string' },
      'progress-s': { type: 'string', default: '5' },
    },
  });
  if (values.out === undefined) throw new Error('--out FILE is required (see pnpm sim -- record --help)');
  const durationMs = values['duration-s'] === undefined ? undefined : positiveNumber(values['duration-s'], '--duration-s') * 1000;
  const count = values.count === undefined ? undefined : positiveInt(values.count, '--count');
  const progressMs = positiveNumber(values['progress-s'], '--progress-s') * 1000;
  const client = await connectBroker(values, `lingtan-record-${process.pid}`);
  const signal = stopSignal();
  try {
    const recorder = await startRecorder(client, { topics: values.topic ?? ['#'], path: values.out });
    console.error(`record: recording ${(values.topic ?? ['#']).join(', ')} to ${values.out}`);
    const progress = setInterval(() => console.error(`record: ${recorder.count} messages`), progressMs);
    const stopped = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await Promise.race([stopped, countReached(recorder, count, signal), ...(durationMs === undefined ? [] : [sleep(durationMs, signal)])]);
    clearInterval(progress);
    console.error(`record: done, ${await recorder.stop()} messages in ${values.out}`);
  } finally {
    await client.endAsync();
  }
}
