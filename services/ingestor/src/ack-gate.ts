import type { MqttClient } from '@lingtan/runtime';

type SendPacket = (packet: { cmd: string }, cb?: (error?: Error) => void, ...rest: unknown[]) => void;

/**
 * Holds each QoS 1 PUBACK until the spool has fsynced the message's readings, without
 * stalling intake. mqtt.js sends the PUBACK from the message handler's callback and reads
 * the next packet only after sending it; this gate lets it read on at once and sends the
 * PUBACKs later, in the order the PUBLISHes arrived [MQTT-4.6.0-2]. On a lost connection
 * the held PUBACKs are dropped: the broker redelivers those messages, and the writes are
 * idempotent, so a redelivery leaves one point.
 *
 * It wraps mqtt.js's internal `_sendPacket` (mqtt 5.x); the ingestor's integration tests
 * (SIGKILL mid-stream, nothing lost, nothing twice) fail if that internal changes.
 */
export class AckGate {
  private held: { packet: { cmd: string }; seq: number }[] = [];
  private required = 0;
  private readonly send: SendPacket;
  private readonly client: MqttClient;

  constructor(client: MqttClient, durableSeq: () => number) {
    this.client = client;
    const internals = client as unknown as { _sendPacket: SendPacket };
    if (typeof internals._sendPacket !== 'function') throw new Error('mqtt.js internals changed: _sendPacket is missing');
    this.send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet, cb, ...rest) => {
      if (packet.cmd !== 'puback' || (this.held.length === 0 && this.required <= durableSeq())) {
        this.send(packet, cb, ...rest);
        return;
      }
      this.held.push({ packet, seq: this.required });
      cb?.();
    };
    client.on('close', () => {
      this.held = [];
    });
  }

  /** The PUBACK about to be sent needs spool records up to `seq` durable. Call before the handler's callback. */
  requireDurable(seq: number): void {
    this.required = seq;
  }

  /** Send the held PUBACKs that `durableSeq` now covers. */
  release(durableSeq: number): void {
    if (this.held.length === 0 || this.held[0]!.seq > durableSeq) return;
    // One fsync releases many PUBACKs: corked, they leave in one write instead of one
    // system call each (a quarter of a plain subscriber's busy time, see TOOLCHAIN.md).
    const socket = this.client.stream as { cork?: () => void; uncork?: () => void } | undefined;
    socket?.cork?.();
    let released = 0;
    while (released < this.held.length && this.held[released]!.seq <= durableSeq) {
      this.send(this.held[released]!.packet);
      released++;
    }
    this.held.splice(0, released);
    process.nextTick(() => socket?.uncork?.());
  }

  /** PUBACKs waiting for the disk. */
  get heldCount(): number {
    return this.held.length;
  }
}
