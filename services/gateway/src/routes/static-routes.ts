import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router } from 'express';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lingtan</title></head>
<body><h1>Lingtan gateway</h1>
<p>The control view has not been built. Build it with <code>pnpm --filter @lingtan/control-view build</code> and reload this page
(or set <code>LINGTAN_GATEWAY_STATIC_DIR</code> to its build folder).</p>
<p>The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/**
 * The control view's build at `/`, with an SPA fallback: any GET that is not an API or file
 * path answers index.html, so deep links work. Without a build, a page saying how to make one.
 */
export function staticRoutes(staticDir: string | undefined): Router {
  const router = Router();
  const dir = staticDir === undefined ? undefined : resolve(staticDir);
  const index = dir === undefined ? undefined : join(dir, 'index.html');
  // Checked per request, so a view built after the gateway started is served without a restart.
  if (dir !== undefined) router.use(express.static(dir, { index: false, maxAge: '1h' }));
  router.get(/^(?!\/api(\/|$)|\/socket\.io(\/|$)|\/healthz$|\/metrics$).*/, (_req, res) => {
    if (index !== undefined && existsSync(index)) res.setHeader('cache-control', 'no-cache').sendFile(index);
    else res.status(200).type('html').send(NOT_BUILT);
  });
  return router;
}
