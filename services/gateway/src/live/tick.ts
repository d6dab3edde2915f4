import type { MeterUpdate } from '@lingtan/schema';
import type { LiveNamespace } from './live-socket.js';
import type { LiveModel } from './live-model.js';
import { ENTERPRISE_ROOM_PREFIX, parkRoom } from './rooms.js';

/**
 * One round of periodic sends to this instance's own clients (`local`: every instance sees
 * the whole normalized stream and computes the same figures, so nothing goes through the
 * adapter): the park summary to a non-empty park room, each non-empty enterprise room its
 * summary, and each client the meters of its rooms that changed since the last round. All
 * volatile: a client whose connection is not ready misses a round instead of queueing it.
 */
export function createTicker(nsp: LiveNamespace, model: LiveModel): () => void {
  const park = parkRoom(model.registry.parkId);
  const lastSentTs = new Map<string, number>();
  return () => {
    const rooms = nsp.adapter.rooms;
    if ((rooms.get(park)?.size ?? 0) > 0) nsp.local.volatile.to(park).emit('park:summary', model.parkSummary());
    for (const [room, members] of rooms) {
      if (members.size === 0 || !room.startsWith(ENTERPRISE_ROOM_PREFIX)) continue;
      const summary = model.enterpriseSummary(room.slice(ENTERPRISE_ROOM_PREFIX.length));
      if (summary !== undefined) nsp.local.volatile.to(room).emit('enterprise:summary', summary);
    }
    const changed = new Map<string, MeterUpdate | null>();
    const changedUpdate = (meter: string): MeterUpdate | null => {
      let u = changed.get(meter);
      if (u === undefined) {
        const update = model.meterUpdate(meter);
        u = update !== undefined && update.ts !== lastSentTs.get(meter) ? update : null;
        changed.set(meter, u);
      }
      return u;
    };
    for (const socket of nsp.sockets.values()) {
      if (socket.data.meters.size === 0) continue;
      const updates: MeterUpdate[] = [];
      for (const meter of socket.data.meters) {
        const u = changedUpdate(meter);
        if (u !== null) updates.push(u);
      }
      if (updates.length > 0) socket.volatile.emit('meters:update', updates);
    }
    for (const [meter, u] of changed) if (u !== null) lastSentTs.set(meter, u.ts);
  };
}
