import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError } from 'fastify';
import helmet from 'helmet';
import { answerFrameworkError } from '../http/framework-errors';

/** Paths the API answers itself: anything else under `/` is the console's (a deep link loads the app). */
const API_PATHS = /^\/(api|docs|docs-json|health)(\/|$|\?)/;

/**
 * The web console (apps/console, built by Vite into dist/console) served by the API at `/`, same origin as
 * `/api/v1`. Security headers for every answer through helmet: a Content-Security-Policy with no inline script
 * and nothing from another origin (the console bundles its fonts and icons, so it works on a county intranet),
 * frames denied, no referrer sent to another origin.
 */
export async function serveConsole(app: NestFastifyApplication, root = consoleDirectory()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Built once: @fastify/helmet built helmet's middleware again for every request (its policy parsed each time),
  // 3.4% of the API thread under record-visit load.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its component styles at run time (CSS-in-JS): styles, never scripts, inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // A county intranet often serves plain HTTP: no HSTS from the application (the TLS proxy decides).
    strictTransportSecurity: false,
  });
  // helmet 8 throws its errors (a policy it refuses) rather than passing them on: its callback only continues.
  fastify.addHook('onRequest', (request, reply, next) => securityHeaders(request.raw, reply.raw, () => next()));
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: false, decorateReply: false, maxAge: '1h' });
  }
  const index = built ? readFileSync(join(root, 'index.html')) : undefined;
  const verifyPolicy = verifyPagePolicy(root);
  if (verifyPolicy) {
    fastify.addHook('onSend', async (request, reply, payload) => {
      if (request.url.split('?')[0] === '/verify.html') reply.header('content-security-policy', verifyPolicy);
      return payload;
    });
  }
  const maxParamLength = fastify.initialConfig.maxParamLength ?? 100;
  fastify.get('/*', (request, reply) => {
    if (API_PATHS.test(request.url)) {
      // The router hands an API path here when a part of it is over its length limit (it matches the wildcard
      // instead of raising): answer as the router answers that, 414, never as a missing route.
      const tooLong = request.url
        .split('?')[0]
        .split('/')
        .some((part) => part.length > maxParamLength);
      if (tooLong) return answerFrameworkError({ code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 } as FastifyError, request, reply);
      return reply.callNotFound();
    }
    if (!index) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>帮扶</title><p>控制台尚未构建：请在项目目录运行 <code>npm run build</code>。</p>',
        );
    }
    // The app's shell for every console path; its scripts and styles are the hashed files beside it.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  });
}

/**
 * The offline dossier check (verify.html) carries its script inline, so that it runs from a saved copy: its own
 * policy allows that one script by its SHA-256 and no connection at all — the page checks a dossier without a
 * single request, and the browser enforces it.
 */
export function verifyPagePolicy(root: string): string | undefined {
  const file = join(root, 'verify.html');
  if (!existsSync(file)) return undefined;
  const script = /<script type="module">([\s\S]*?)<\/script>/.exec(readFileSync(file, 'utf8'))?.[1];
  if (script === undefined) return undefined;
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    "connect-src 'none'",
    "img-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** dist/console under the project root (found from here, whether running from dist or from the sources). */
export function consoleDirectory(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'bangfu') {
      return join(dir, 'dist', 'console');
    }
  }
  return join(from, 'console');
}
