import type { SimCommandBody, SimStatus } from '@lingtan/schema';
import { request } from '../api/client.js';

/** `GET /api/v1/sim`: the simulator's last status and its age. */
export interface SimStatusResponse {
  readonly status: SimStatus;
  readonly ageMs: number;
}

/** One file of the recordings directory. */
export interface SimRecording {
  readonly name: string;
  readonly sizeBytes: number;
  readonly modifiedAt: string;
}

/** A meter of the park, as `GET /api/v1/meters` lists it (the fields the fault form needs). */
export interface SimMeter {
  readonly id: string;
  readonly name?: string | null;
  readonly enterprise: string;
  readonly carrier: string;
}

/** The simulator's routes of the gateway. */
export const simApi = {
  status: () => request<SimStatusResponse>('/sim'),
  recordings: () => request<{ recordings: SimRecording[] }>('/sim/recordings'),
  meters: () => request<{ meters: SimMeter[] }>('/meters'),
  send: (body: SimCommandBody) => request<{ accepted: true; commandId: string }>('/sim/commands', { method: 'POST', body: JSON.stringify(body) }),
};
