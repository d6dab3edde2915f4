import type { Principal } from '@lingtan/schema';
import { createContext, useContext } from 'react';
import type { ParkResponse } from './api/types.js';

/** Who is signed in and which park they look at (from /me and /park). */
export interface Session {
  readonly principal: Principal;
  readonly park: ParkResponse;
  readonly logout: () => void;
}

/** The signed-in session; views render only inside it. */
export const SessionContext = createContext<Session | null>(null);

/** The session (throws outside the signed-in shell: a programming error). */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (s === null) throw new Error('useSession outside SessionContext');
  return s;
}
