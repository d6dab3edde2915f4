import type { Alert, AlertEvent, EnterpriseSummary, LiveClientToServer, LiveServerToClient, MeterUpdate, ParkSummary, RoomRequest } from '@lingtan/schema';
import { io, type Socket } from 'socket.io-client';
import { appendSample, mergeAlert } from '../lib/live-merge.js';

// The schema's LIVE_NAMESPACE; repeated so the bundle imports no runtime code from schema.
const LIVE_NAMESPACE = '/live';
/** Wait before reconnecting after the server closed the socket (not an instant loop). */
const RECONNECT_AFTER_SERVER_CLOSE_MS = 1000;
/** Park load samples kept for the live line: one a second, 30 minutes. */
const LOAD_POINTS = 1800;

/** Everything the live feed has told the view, replaced (never mutated) on each change. */
export interface LiveState {
  readonly connected: boolean;
  /** When the socket last dropped; null while connected or before the first connection. */
  readonly disconnectedSinceMs: number | null;
  /** Bumped on every (re)connection, so views refetch their REST snapshots. */
  readonly epoch: number;
  readonly park: ParkSummary | null;
  readonly parkLoad: readonly (readonly [number, number])[];
  readonly enterprises: ReadonlyMap<string, EnterpriseSummary>;
  readonly meters: ReadonlyMap<string, MeterUpdate>;
  readonly alerts: ReadonlyMap<string, Alert>;
  /** alertIds raised since the page opened, for the "new" highlight. */
  readonly freshAlerts: ReadonlySet<string>;
  /** Refused joins, by room key, with the gateway's message. */
  readonly refused: ReadonlyMap<string, string>;
}

const EMPTY: LiveState = {
  connected: false, disconnectedSinceMs: null, epoch: 0, park: null, parkLoad: [], enterprises: new Map(), meters: new Map(), alerts: new Map(), freshAlerts: new Set(), refused: new Map(),
};

/** The room's key in the join set (and in `refused`). */
export function roomKey(room: RoomRequest): string {
  switch (room.kind) {
    case 'park':
      return 'park';
    case 'enterprise':
      return `enterprise:${room.enterprise}`;
    case 'meter':
      return `meter:${room.meter}`;
  }
}

/**
 * The live feed for the whole page: one socket, the rooms the open views want, re-joined after
 * every reconnect (socket.io retries by itself with backoff; a fresh join brings a fresh
 * snapshot, so nothing missed while away is shown as current). React reads it through
 * useSyncExternalStore.
 */
export class LiveStore {
  private state: LiveState = EMPTY;
  private readonly listeners = new Set<() => void>();
  private readonly rooms = new Map<string, { room: RoomRequest; holders: number }>();
  private socket: Socket<LiveServerToClient, LiveClientToServer> | null = null;

  /** Opens the socket (after sign-in: the session cookie authenticates it). */
  start(): void {
    if (this.socket !== null) return;
    const socket: Socket<LiveServerToClient, LiveClientToServer> = io(LIVE_NAMESPACE, { withCredentials: true, reconnectionDelayMax: 5000 });
    this.socket = socket;
    socket.on('connect', () => {
      this.set({ connected: true, disconnectedSinceMs: null, epoch: this.state.epoch + 1, refused: new Map() });
      for (const { room } of this.rooms.values()) this.emitJoin(room);
    });
    socket.on('disconnect', (reason) => {
      this.set({ connected: false, disconnectedSinceMs: Date.now() });
      // socket.io retries by itself except after a server-side disconnect (a gateway restart
      // or rebalancing closes sockets that way): try again, the handshake re-checks the session.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), RECONNECT_AFTER_SERVER_CLOSE_MS);
    });
    socket.on('connect_error', () => {
      if (this.state.disconnectedSinceMs === null) this.set({ connected: false, disconnectedSinceMs: Date.now() });
    });
    socket.on('park:summary', (s) => this.set({ park: s, parkLoad: appendSample(this.state.parkLoad, s.atMs, s.power.loadKw, LOAD_POINTS) }));
    socket.on('enterprise:summary', (s) => this.set({ enterprises: new Map(this.state.enterprises).set(s.enterprise, s) }));
    socket.on('meters:update', (updates) => {
      const meters = new Map(this.state.meters);
      for (const u of updates) {
        const have = meters.get(u.meter);
        if (have === undefined || u.ts >= have.ts) meters.set(u.meter, u);
      }
      this.set({ meters });
    });
    socket.on('alert', (e: AlertEvent) => {
      const freshAlerts = e.type === 'raised' ? new Set(this.state.freshAlerts).add(e.alertId) : this.state.freshAlerts;
      this.set({ alerts: mergeAlert(this.state.alerts, e), freshAlerts });
    });
  }

  /** Closes the socket and forgets everything (sign-out). */
  stop(): void {
    this.socket?.close();
    this.socket = null;
    this.rooms.clear();
    this.state = EMPTY;
    this.notify();
  }

  /** Asks for a room while the caller holds it; returns the release function (for useEffect). */
  hold(room: RoomRequest): () => void {
    const key = roomKey(room);
    const have = this.rooms.get(key);
    if (have !== undefined) have.holders += 1;
    else {
      this.rooms.set(key, { room, holders: 1 });
      if (this.state.connected) this.emitJoin(room);
    }
    return () => {
      const h = this.rooms.get(key);
      if (h === undefined) return;
      h.holders -= 1;
      if (h.holders > 0) return;
      this.rooms.delete(key);
      if (this.state.connected) this.socket?.emit('leave', room, () => undefined);
    };
  }

  /** Folds alerts fetched over REST into the same map as the live events. */
  addAlerts(alerts: readonly Alert[]): void {
    let map: ReadonlyMap<string, Alert> = this.state.alerts;
    for (const a of alerts) map = mergeAlert(map, a);
    this.set({ alerts: map });
  }

  /** For useSyncExternalStore. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** For useSyncExternalStore. */
  readonly getState = (): LiveState => this.state;

  private emitJoin(room: RoomRequest): void {
    this.socket?.emit('join', room, (result) => {
      if (result.ok) return;
      this.set({ refused: new Map(this.state.refused).set(roomKey(room), result.message) });
    });
  }

  private set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
