import { Router } from 'express';
import type { Request, Response } from 'express';
import type { IdChanges } from '@lingtan/domain';
import { enterpriseCreateSchema, enterprisePatchSchema, idSchema, meterCreateSchema, meterPatchSchema, meterReplacementSchema } from '@lingtan/schema';
import type { RegistryAdminResponse, RegistryWriteResponse } from '@lingtan/schema';
import type { RouteContext } from '../context.js';
import { ApiFailure } from '../http/api-error.js';
import { allow, principalOf, requestIdOf } from '../http/context.js';
import { parseBody, parsePath } from '../http/parse.js';
import type { RegistryAdmin } from '../registry/registry-admin.js';
import { addReplacement, createEnterprise, createMeter, deleteEnterprise, deleteMeter, patchEnterprise, patchMeter } from '../registry/registry-edits.js';
import type { RegistryEdit } from '../registry/registry-edits.js';

const NO_CHANGE: IdChanges = { added: [], removed: [], changed: [] };

const ids = (label: string, c: IdChanges): string[] => [
  ...(c.added.length > 0 ? [`${label} +${c.added.join(',')}`] : []),
  ...(c.removed.length > 0 ? [`${label} -${c.removed.join(',')}`] : []),
  ...(c.changed.length > 0 ? [`${label} ~${c.changed.join(',')}`] : []),
];

/**
 * The registry admin API (admins only: `registry:write` on the park): the whole registry with
 * its ETag, and edits of enterprises and meters. Every edit needs `If-Match`, is written to
 * the registry file (which every service watches), applied to this gateway at once and
 * audited with who, what, and the ids and revisions before and after.
 */
export function adminRegistryRoutes(ctx: RouteContext): Router {
  const router = Router();
  const admin: RegistryAdmin | undefined = ctx.deps.registryAdmin;

  const guard = (res: Response): void => allow(res, 'registry:write', ctx.at.park());

  router.get('/admin/registry', (_req, res) => {
    guard(res);
    if (admin === undefined) throw new ApiFailure(503, 'registry_read_only', 'this gateway was started without its registry file');
    const s = admin.snapshot();
    const body: RegistryAdminResponse = {
      registry: s.registry,
      revision: s.revision,
      etag: s.etag,
      writable: admin.readOnlyReason === undefined,
      ...(admin.readOnlyReason === undefined ? {} : { readOnlyReason: admin.readOnlyReason }),
    };
    res.set('ETag', s.etag).set('Cache-Control', 'no-store').json(body);
  });

  /** One write route: authorize, parse, edit through the admin's queue, audit, answer. */
  const write = (what: (req: Request) => { readonly resource: string; readonly edit: RegistryEdit }, status = 200) => {
    return async (req: Request, res: Response): Promise<void> => {
      guard(res);
      if (admin === undefined) throw new ApiFailure(503, 'registry_read_only', 'this gateway was started without its registry file');
      const { resource, edit } = what(req);
      const result = await admin.write(req.get('if-match'), edit);
      const principal = principalOf(res);
      const enterprises = result.change?.enterprises ?? NO_CHANGE;
      const meters = result.change?.meters ?? NO_CHANGE;
      const changed = [...ids('enterprises', enterprises), ...ids('meters', meters)];
      ctx.audit.record({
        outcome: 'allowed',
        action: 'registry:write',
        actor: principal.userId,
        role: principal.role,
        resource,
        detail: `${req.method} ${req.path}: ${changed.length === 0 ? 'no change' : changed.join('; ')}; revision ${result.before.revision} -> ${result.after.revision}; etag ${result.before.etag.slice(1, 13)} -> ${result.after.etag.slice(1, 13)}`,
        ...(req.ip === undefined ? {} : { ip: req.ip }),
        ...(requestIdOf(req) === undefined ? {} : { requestId: requestIdOf(req)! }),
      });
      const copy = (c: IdChanges) => ({ added: [...c.added], removed: [...c.removed], changed: [...c.changed] });
      const body: RegistryWriteResponse = { revision: result.after.revision, etag: result.after.etag, enterprises: copy(enterprises), meters: copy(meters) };
      res.status(status).set('ETag', result.after.etag).json(body);
    };
  };
  const idOf = (req: Request): string => parsePath(idSchema, req.params.id, 'id');

  router.post(
    '/admin/enterprises',
    write((req) => {
      const body = parseBody(enterpriseCreateSchema, req);
      return { resource: `enterprise:${body.id}`, edit: createEnterprise(body) };
    }, 201),
  );
  router.patch(
    '/admin/enterprises/:id',
    write((req) => {
      const id = idOf(req);
      return { resource: `enterprise:${id}`, edit: patchEnterprise(id, parseBody(enterprisePatchSchema, req)) };
    }),
  );
  router.delete(
    '/admin/enterprises/:id',
    write((req) => {
      const id = idOf(req);
      return { resource: `enterprise:${id}`, edit: deleteEnterprise(id, (e) => ctx.deps.users.usersOf(e)) };
    }),
  );
  router.post(
    '/admin/meters',
    write((req) => {
      const body = parseBody(meterCreateSchema, req);
      return { resource: `meter:${body.id}`, edit: createMeter(body) };
    }, 201),
  );
  router.patch(
    '/admin/meters/:id',
    write((req) => {
      const id = idOf(req);
      return { resource: `meter:${id}`, edit: patchMeter(id, parseBody(meterPatchSchema, req)) };
    }),
  );
  router.delete(
    '/admin/meters/:id',
    write((req) => {
      const id = idOf(req);
      return { resource: `meter:${id}`, edit: deleteMeter(id) };
    }),
  );
  router.post(
    '/admin/meters/:id/replacements',
    write((req) => {
      const id = idOf(req);
      return { resource: `meter:${id}`, edit: addReplacement(id, parseBody(meterReplacementSchema, req)) };
    }, 201),
  );
  return router;
}
