import type { Logger, Metrics } from '@lingtan/runtime';
import type { LiveClientToServer, LiveServerToClient, Principal } from '@lingtan/schema';
import type { Namespace, Socket } from 'socket.io';

/** What the server keeps per client. */
export interface LiveSocketData {
  principal: Principal;
  /** Meters whose rooms this client joined (for its `meters:update`). */
  meters: Set<string>;
}

/** Events between gateway instances (through the Redis adapter), parsed on arrival. */
export interface LiveServerSideEvents {
  /** An alert event for every instance's live model, so open-alert counts agree. */
  'alert:model': (event: unknown) => void;
}

export type LiveNamespace = Namespace<LiveClientToServer, LiveServerToClient, LiveServerSideEvents, LiveSocketData>;
export type LiveSocket = Socket<LiveClientToServer, LiveServerToClient, LiveServerSideEvents, LiveSocketData>;

/**
 * Packets engine.io holds for the client, not yet handed to the transport: they pile up
 * while the transport is busy with a write the client does not read. `writeBuffer` is
 * private in engine.io's typings but is the only measure of it (engine.io 6).
 */
export function bufferedPackets(socket: LiveSocket): number {
  return (socket.conn as unknown as { readonly writeBuffer: readonly unknown[] }).writeBuffer.length;
}

/**
 * A check that disconnects a client holding more than `maxBuffered` packets (counted in
 * `lingtan_live_slow_disconnects_total`), so a client that stops reading costs at most that
 * much memory. Returns true when it dropped the client.
 */
export function slowClientGuard(maxBuffered: number, metrics: Metrics, logger: Logger): (socket: LiveSocket) => boolean {
  return (socket) => {
    const buffered = bufferedPackets(socket);
    if (buffered <= maxBuffered) return false;
    metrics.inc('lingtan_live_slow_disconnects_total');
    logger.warn({ user: socket.data.principal.userId, buffered, max: maxBuffered }, 'live feed: client too slow, disconnected');
    socket.disconnect(true);
    // A WebSocket close waits up to 30 s for the client's close frame, which a client that
    // does not read never sends; until then the unsent data stays in memory. Drop it now.
    socket.request.socket.destroy();
    return true;
  };
}
