// A lean MQTT 3.1.1 load generator for the benchmarks: QoS 1 PUBLISH packets encoded by hand
// and written many to a socket write, PUBACKs counted. It exists so that the publisher takes
// little of the two cores the pipeline under test shares with it (mqtt.js spends about
// 28 us of CPU per message here, this about a tenth of that), the way emqtt-bench or
// mqtt-benchmark stand apart from the clients they load-test. Only what a publisher needs:
// CONNECT, PUBLISH (QoS 1), PUBACK, DISCONNECT (MQTT 3.1.1, sections 3.1-3.4 and 3.14).
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface LeanMessage {
  readonly topic: string;
  readonly payload: string;
}

export interface LeanRunOptions {
  /** Most unacknowledged messages. */
  readonly window: number;
  /** Messages per second; as fast as the broker acknowledges when absent. */
  readonly perSecond?: number;
}

export interface LeanPublisher {
  /** Publish `count` messages, `message(i)` the i-th; resolves once the broker has acknowledged all. */
  run(count: number, message: (i: number) => LeanMessage, options: LeanRunOptions): Promise<void>;
  end(): Promise<void>;
}

/** The variable-length "remaining length" of MQTT's fixed header (section 2.2.3). */
function remainingLength(length: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) byte |= 0x80;
    bytes.push(byte);
  } while (length > 0);
  return bytes;
}

/**
 * Append `chunk` to what is left of the last read, hand each whole packet to `onPacket`
 * (type, body after the fixed header, the fixed header's flags) and return what is left.
 */
function eachPacket(pending: Buffer, chunk: Buffer, onPacket: (type: number, body: Buffer, flags: number) => void): Buffer {
  const data = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
  let offset = 0;
  for (;;) {
    let length = 0;
    let multiplier = 1;
    let at = offset + 1;
    let complete = false;
    while (at < data.length) {
      const byte = data[at++]!;
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if ((byte & 0x80) === 0) {
        complete = true;
        break;
      }
    }
    if (!complete || at + length > data.length) return data.subarray(offset);
    onPacket(data[offset]! >> 4, data.subarray(at, at + length), data[offset]! & 0x0f);
    offset = at + length;
  }
}

function connectPacket(clientId: string): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  // Protocol name "MQTT", level 4, flags: clean session; keep alive 0 (none); client id.
  const body = Buffer.concat([Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0x02, 0, 0]), Buffer.from([id.length >> 8, id.length & 0xff]), id]);
  return Buffer.concat([Buffer.from([0x10, ...remainingLength(body.length)]), body]);
}

export function connectLeanPublisher(url: string, clientId: string): Promise<LeanPublisher> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: hostname, port: Number(port || 1883) });
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    let connected = false;
    let onAcks: ((n: number) => void) | undefined;
    socket.once('error', reject);
    socket.on('connect', () => socket.write(connectPacket(clientId)));
    socket.on('data', (chunk: Buffer) => {
      let acks = 0;
      pending = eachPacket(pending, chunk, (type, body) => {
        if (type === 2) {
          if (body[1] !== 0) return reject(new Error(`CONNACK refused the connection: return code ${body[1]}`));
          connected = true;
          socket.off('error', reject);
          socket.on('error', () => {}); // a reset after DISCONNECT; a reset mid-run shows as 'close'
          resolve(publisher);
        } else if (type === 4) acks++;
      });
      if (acks > 0 && connected) onAcks?.(acks);
    });

    let nextId = 0;
    const publisher: LeanPublisher = {
      run: (count, message, options) =>
        new Promise<void>((done, fail) => {
          const started = performance.now();
          let sent = 0;
          let acked = 0;
          let timer: NodeJS.Timeout | undefined;
          const pump = () => {
            timer = undefined;
            const allowedByRate = options.perSecond === undefined ? count : Math.floor(((performance.now() - started) * options.perSecond) / 1000) + 1;
            const upTo = Math.min(count, acked + options.window, allowedByRate);
            const packets: Buffer[] = [];
            while (sent < upTo) {
              const { topic, payload } = message(sent++);
              const topicLength = Buffer.byteLength(topic);
              const payloadLength = Buffer.byteLength(payload);
              const length = 2 + topicLength + 2 + payloadLength;
              const header = remainingLength(length);
              const packet = Buffer.allocUnsafe(1 + header.length + length);
              packet[0] = 0x32; // PUBLISH, QoS 1
              let at = 1;
              for (const byte of header) packet[at++] = byte;
              packet.writeUInt16BE(topicLength, at);
              at += 2 + packet.write(topic, at + 2, 'utf8');
              nextId = (nextId % 65535) + 1; // packet ids 1..65535; at most `window` of them in flight
              packet.writeUInt16BE(nextId, at);
              packet.write(payload, at + 2, 'utf8');
              packets.push(packet);
              if (packets.length === 256) socket.write(Buffer.concat(packets.splice(0)));
            }
            if (packets.length > 0) socket.write(Buffer.concat(packets));
            if (sent < count && sent - acked < options.window && timer === undefined) timer = setTimeout(pump, 1);
          };
          onAcks = (n) => {
            acked += n;
            if (acked >= count) {
              if (timer !== undefined) clearTimeout(timer);
              onAcks = undefined;
              done();
            } else if (sent < count && sent - acked <= options.window / 2) pump();
          };
          socket.once('close', () => acked < count && fail(new Error(`the broker closed the connection after ${acked} of ${count} acknowledgements`)));
          pump();
        }),
      end: () =>
        new Promise<void>((done) => {
          socket.end(Buffer.from([0xe0, 0]), () => done());
        }),
    };
  });
}

/**
 * A lean QoS 1 subscriber for the broker benchmark: SUBSCRIBE once, then count PUBLISH
 * packets and answer each with a PUBACK (all of one socket read in one write).
 */
export function connectLeanSubscriber(url: string, clientId: string, filter: string, onMessages: (n: number) => void): Promise<{ end(): Promise<void> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port || 1883) });
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    socket.once('error', reject);
    socket.on('connect', () => socket.write(connectPacket(clientId)));
    socket.on('data', (chunk: Buffer) => {
      const acks: number[] = [];
      pending = eachPacket(pending, chunk, (type, body, flags) => {
        if (type === 2) {
          // CONNACK: subscribe to the filter at QoS 1 (packet id 1).
          const topic = Buffer.from(filter, 'utf8');
          const subscribe = Buffer.concat([Buffer.from([0, 1, topic.length >> 8, topic.length & 0xff]), topic, Buffer.from([1])]);
          socket.write(Buffer.concat([Buffer.from([0x82, ...remainingLength(subscribe.length)]), subscribe]));
        } else if (type === 9) {
          socket.off('error', reject);
          socket.on('error', () => {});
          resolve({ end: () => new Promise<void>((done) => socket.end(Buffer.from([0xe0, 0]), () => done())) });
        } else if (type === 3 && ((flags >> 1) & 3) > 0) {
          acks.push(body.readUInt16BE(2 + body.readUInt16BE(0))); // the packet id after the topic
        }
      });
      if (acks.length > 0) {
        const out = Buffer.allocUnsafe(acks.length * 4);
        acks.forEach((id, i) => {
          out[i * 4] = 0x40;
          out[i * 4 + 1] = 2;
          out.writeUInt16BE(id, i * 4 + 2);
        });
        socket.write(out);
        onMessages(acks.length);
      }
    });
  });
}
