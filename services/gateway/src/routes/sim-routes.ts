import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { noQuerySchema, recordingNameSchema, simCommandBodySchema, simStatusSchema } from '@lingtan/schema';
import type { SimCommand, SimStatus } from '@lingtan/schema';
import type { RouteContext } from '../context.js';
import { ApiFailure } from '../http/api-error.js';
import { allow, principalOf } from '../http/context.js';
import { parseBody, parseQuery } from '../http/parse.js';

/** The newest simulator status seen on the retained status topic. */
export interface SimStatusBook {
  /** Take a message from `simStatusTopic(park)`; false (and nothing kept) when it does not parse. */
  onMessage(payload: Buffer, receivedMs: number): boolean;
  latest(): { readonly status: SimStatus; readonly receivedMs: number } | undefined;
}

/** A book holding only the newest status (a retained topic has one value at a time). */
export function createSimStatusBook(): SimStatusBook {
  let latest: { status: SimStatus; receivedMs: number } | undefined;
  return {
    onMessage: (payload, receivedMs) => {
      let json: unknown;
      try {
        json = JSON.parse(payload.toString('utf8'));
      } catch {
        return false;
      }
      const parsed = simStatusSchema.safeParse(json);
      if (parsed.success) latest = { status: parsed.data, receivedMs };
      return parsed.success;
    },
    latest: () => latest,
  };
}

/** What the simulator routes need: the status book, a publisher of commands and the recordings directory. */
export interface SimRouteDeps {
  readonly status: SimStatusBook;
  /** QoS 1 on `simCommandsTopic(park)`; resolves once the broker has it. */
  readonly publish: (command: SimCommand) => Promise<void>;
  /** `LINGTAN_SIM_RECORDINGS`: the directory `start_replay` names files in. */
  readonly recordingsDir: string;
}

/** Files in `dir` a replay may name, with sizes; a missing directory holds none. */
async function listRecordings(dir: string) {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  const files = entries.filter((e) => e.isFile() && recordingNameSchema.safeParse(e.name).success).map((e) => e.name).sort();
  return Promise.all(
    files.map(async (name) => {
      const info = await stat(join(dir, name));
      return { name, sizeBytes: info.size, modifiedAt: info.mtime.toISOString() };
    }),
  );
}

const noSimulator = () => new ApiFailure(503, 'sim_unavailable', 'no simulator status yet: the simulator is not running with --control, or its status has not reached the gateway');

/**
 * Engineers' simulator controls: the status (operators may watch), the recordings, and
 * commands (engineers and admins), each command published on MQTT and audited with its id.
 */
export function simRoutes(ctx: RouteContext, sim: SimRouteDeps | undefined): Router {
  const router = Router();
  const { clock } = ctx.deps;
  const park = ctx.deps.registry.parkId;

  router.get('/sim', (req, res) => {
    parseQuery(noQuerySchema, req);
    allow(res, 'sim:read', ctx.at.park());
    const latest = sim?.status.latest();
    if (latest === undefined) throw noSimulator();
    // Age from the simulator's own stamp: a retained status from a simulator that stopped is old however recently it arrived.
    const ageMs = Math.max(0, Math.round(clock.nowMs() - Date.parse(latest.status.updatedAt)));
    res.json({ status: latest.status, ageMs });
  });

  router.get('/sim/recordings', async (req, res) => {
    parseQuery(noQuerySchema, req);
    allow(res, 'sim:read', ctx.at.park());
    res.json({ recordings: sim === undefined ? [] : await listRecordings(sim.recordingsDir) });
  });

  router.post('/sim/commands', async (req, res) => {
    allow(res, 'sim:control', ctx.at.park());
    const body = parseBody(simCommandBodySchema, req);
    const principal = principalOf(res);
    if (sim === undefined) throw noSimulator();
    // A uuid whatever ctx.newId makes: the simulator's schema asks for one.
    const command: SimCommand = { v: 1, commandId: randomUUID(), by: principal.userId, atMs: clock.nowMs(), ...body };
    try {
      await sim.publish(command);
    } catch (error) {
      ctx.deps.logger.error({ err: String(error), kind: body.kind }, 'simulator command not published');
      throw new ApiFailure(503, 'broker_unavailable', 'the message broker did not take the command; try again');
    }
    const { kind, ...detail } = body;
    ctx.audit.record({
      outcome: 'allowed',
      action: `sim:${kind}`,
      actor: principal.userId,
      role: principal.role,
      ...(principal.enterprise === undefined ? {} : { enterprise: principal.enterprise }),
      resource: `park:${park}`,
      detail: `${command.commandId} ${JSON.stringify(detail)}`,
    });
    res.status(202).json({ accepted: true, commandId: command.commandId });
  });
  return router;
}
