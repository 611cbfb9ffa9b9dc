import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { HttpServer } from './server.js';
import { sendError } from './error-handler.js';

/**
 * Serves the built single-page app from dist/web. Hashed assets are cached for a year; any other GET
 * outside /api answers index.html so that deep links (/desk/tickets/1042) load the app.
 */
export async function registerWebApp(app: HttpServer, webRoot: string): Promise<void> {
  const indexFile = path.join(webRoot, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn({ webRoot }, 'the web app is not built; run `npm run build`');
    return;
  }
  // serve: false — the plugin would otherwise add a route per file without an access policy, which the
  // identity module rightly refuses at start-up. Our own public routes below send the files instead.
  await app.register(fastifyStatic, {
    root: webRoot,
    serve: false,
    index: false,
    // send would stamp every file "public, max-age=0", overriding index.html's no-cache; setHeaders decides.
    cacheControl: false,
    setHeaders(response, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        response.header('cache-control', 'public, max-age=31536000, immutable');
      }
    },
  });
  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').header('content-security-policy', contentSecurityPolicy).sendFile('index.html');
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (pathname.startsWith('/api/')) {
      return sendError(reply, 404, { error: { code: 'route_not_found', message: `There is no GET ${pathname}.` } });
    }
    // A file name (app-3f2a.js, favicon.svg) is a file or nothing: a missing one answers the JSON 404,
    // never index.html, so a stale cached page cannot load HTML as a script. send refuses `..`.
    if (path.extname(pathname) !== '') return reply.sendFile((request.params as { '*': string })['*']);
    return sendIndex(reply);
  });
}

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
