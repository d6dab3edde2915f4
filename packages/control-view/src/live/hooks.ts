import type { RoomRequest } from '@lingtan/schema';
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { connectionState, type ConnectionState } from '../lib/stale.js';
import type { LiveState, LiveStore } from './live-store.js';

/** The page's one LiveStore. */
export const LiveContext = createContext<LiveStore | null>(null);

function useStore(): LiveStore {
  const store = useContext(LiveContext);
  if (store === null) throw new Error('LiveContext is missing: render inside <LiveContext value={store}>');
  return store;
}

/** The live state, re-rendering on every change. */
export function useLive(): LiveState {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/** Holds the rooms while the component is mounted (re-joined by the store after reconnects). */
export function useRooms(rooms: readonly RoomRequest[]): void {
  const store = useStore();
  const key = JSON.stringify(rooms);
  useEffect(() => {
    const parsed = JSON.parse(key) as RoomRequest[];
    const releases = parsed.map((r) => store.hold(r));
    return () => releases.forEach((release) => release());
  }, [store, key]);
}

/** Folds REST alerts into the live map. */
export function useAddAlerts(): LiveStore['addAlerts'] {
  const store = useStore();
  return (alerts) => store.addAlerts(alerts);
}

/** The current time, ticking every `everyMs` (clocks and stale checks). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** The connection indicator's state. */
export function useConnection(): ConnectionState {
  const live = useLive();
  const now = useNow();
  return connectionState(live.connected, live.disconnectedSinceMs, now);
}
