import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import { openApiDocument } from '@lingtan/schema';

/** swagger-ui-dist's folder (its files are served as they are; helmet's CSP allows them: no inline scripts). */
function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lingtan API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', withCredentials: true });`;

/** `GET /api/v1/openapi.json` (generated once from the zod schemas) and the browsable `/api/docs`. */
export function docsRoutes(version: string): Router {
  const router = Router();
  const document = JSON.stringify(openApiDocument(version));
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.type('application/json').send(document);
  });
  router.get(['/api/docs', '/api/docs/'], (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  router.get('/api/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT_SCRIPT);
  });
  router.use('/api/docs', express.static(swaggerUiDir(), { index: false, fallthrough: true, maxAge: '1h' }));
  return router;
}
