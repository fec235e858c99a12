import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The browser app (apps/web), built by `npm run build` into dist/web: `index.html` and content-hashed
 * files under `assets/`. Found from the project root (the nearest folder with a package.json), so the
 * same code serves it whether it runs from source (tests) or from dist.
 */
export function webAppDirectory(from = dirname(fileURLToPath(import.meta.url))): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) return join(from, 'web');
    folder = parent;
  }
  return join(folder, 'dist', 'web');
}

/** Paths the app's client-side routes never take: their unknown paths stay JSON 404s. */
const SERVER_PREFIXES = ['/api', '/xapi', '/health', '/assets'];

/**
 * Whether a GET is a visit to one of the app's own routes (answered with index.html): a page the
 * browser navigates to (it asks for HTML), outside the server's own prefixes. A missing file fetched
 * by a script or an image tag (favicon.ico, a stale asset) stays a 404.
 */
export function isClientRoute(path: string, accept: string | undefined): boolean {
  if (SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
  return (accept ?? '').includes('text/html');
}

/**
 * Security headers of the app's page. Styles may be inline because the printable export the app opens
 * (a blob: document, which inherits this policy) carries its own <style>.
 */
export const WEB_APP_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** index.html as built, or a page saying how to build it (API-only tests run without a build). */
export function readIndexPage(directory = webAppDirectory()): { html: string; built: boolean } {
  const file = join(directory, 'index.html');
  if (existsSync(file)) return { html: readFileSync(file, 'utf8'), built: true };
  return {
    built: false,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Continuum</title></head><body><main>
<h1>Continuum</h1><p>The web app has not been built in this copy: run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p>
<p>The API is documented at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`,
  };
}

/**
 * Serves the built assets under /assets/: their names carry a hash of their content, so a browser
 * keeps them for a year without asking again; a new build has new names.
 */
export function registerWebAssets(fastify: FastifyInstance, directory = webAppDirectory()): void {
  const assets = join(directory, 'assets');
  if (!existsSync(assets)) return;
  void fastify.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
}
