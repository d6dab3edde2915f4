import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { MqttClient } from 'mqtt';
import type { OutgoingMessage } from './publisher.js';
import type { RecordedMessage } from './recording.js';
import { decodeRecordedLine, encodeRecordedLine, shiftPayloadTimestamps } from './recording.js';

/** A recording in progress. */
export interface Recorder {
  /** Messages written so far. */
  readonly count: number;
  /** Stop listening, flush and close the file; resolves with the number of messages. */
  stop(): Promise<number>;
}

/** What to record and where. */
export interface RecordOptions {
  /** Topic filters to subscribe to with QoS 1 (e.g. `ems/v1/#`). */
  readonly topics: readonly string[];
  /** The gzip NDJSON file to write. */
  readonly path: string;
  /** The receive clock, for tests. */
  readonly nowMs?: () => number;
}

/**
 * Subscribe and write every message (topic, payload, receive time) to a gzip NDJSON file.
 * Resolves once the broker has granted the subscriptions, so nothing published afterwards
 * is missed.
 */
export async function startRecorder(client: MqttClient, options: RecordOptions): Promise<Recorder> {
  const nowMs = options.nowMs ?? Date.now;
  const gzip = createGzip();
  const file = createWriteStream(options.path);
  gzip.pipe(file);
  const opened = Promise.race([once(file, 'open'), once(file, 'error').then(([error]) => Promise.reject(error as Error))]);
  await opened;
  let count = 0;
  const onMessage = (topic: string, payload: Buffer) => {
    count++;
    gzip.write(`${encodeRecordedLine({ receivedMs: nowMs(), topic, payload })}\n`);
  };
  client.on('message', onMessage);
  const granted = await client.subscribeAsync([...options.topics], { qos: 1 });
  const refused = granted.filter((g) => g.qos === 128).map((g) => g.topic);
  if (refused.length > 0) {
    client.removeListener('message', onMessage);
    gzip.end();
    throw new Error(`the broker refused the subscription to ${refused.join(', ')}`);
  }
  return {
    get count() {
      return count;
    },
    stop: async () => {
      client.removeListener('message', onMessage);
      gzip.end();
      await finished(file);
      return count;
    },
  };
}

/** The messages of a recording, in file order; a bad line fails naming the file and line. */
export async function* readRecording(path: string): AsyncGenerator<RecordedMessage> {
  const input = createReadStream(path);
  const gunzip = input.pipe(createGunzip());
  // pipe() does not forward errors: a missing file would otherwise be an unhandled 'error'.
  input.once('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: gunzip, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      yield decodeRecordedLine(line, path, lineNumber);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new Error(`cannot read ${path}: no such file`);
    if ((error as { code?: string }).code === 'Z_DATA_ERROR') throw new Error(`${path} is not a gzip file (${(error as Error).message})`);
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
}

/** How to replay. */
export interface ReplayOptions {
  /** Move device timestamps so the first recorded message is stamped with the replay's start. */
  readonly shiftToNow?: boolean;
  readonly nowMs?: () => number;
}

/**
 * A recording as messages to publish, paced by receive time. With `shiftToNow`, every
 * payload's device timestamps move by (replay start - first receive time).
 */
export async function* replayMessages(recording: AsyncIterable<RecordedMessage>, options: ReplayOptions = {}): AsyncGenerator<OutgoingMessage> {
  const nowMs = options.nowMs ?? Date.now;
  let offsetMs: number | undefined;
  for await (const message of recording) {
    offsetMs ??= options.shiftToNow === true ? nowMs() - message.receivedMs : 0;
    yield { topic: message.topic, payload: shiftPayloadTimestamps(message.payload, offsetMs), atMs: message.receivedMs };
  }
}
