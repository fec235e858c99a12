import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isClientRoute, readIndexPage, webAppDirectory } from './web-app.js';

describe('serving the web app', () => {
  const root = mkdtempSync(join(tmpdir(), 'continuum-web-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds dist/web under the nearest folder with a package.json, from source or from dist', () => {
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'apps/api/src/web'), { recursive: true });
    mkdirSync(join(root, 'dist/apps/api/src/web'), { recursive: true });
    expect(webAppDirectory(join(root, 'apps/api/src/web'))).toBe(join(root, 'dist/web'));
    expect(webAppDirectory(join(root, 'dist/apps/api/src/web'))).toBe(join(root, 'dist/web'));
  });

  it('answers a page saying how to build it when the app is not built', () => {
    const page = readIndexPage(join(root, 'nowhere'));
    expect(page.built).toBe(false);
    expect(page.html).toContain('npm run build');
  });

  it('sends a browser visit of any app path to the app, and never a path of /api, /xapi, /health or /assets', () => {
    const html = 'text/html,application/xhtml+xml,*/*;q=0.8';
    expect(isClientRoute('/', html)).toBe(true);
    expect(isClientRoute('/workers/4b1e/capabilities/pc.managing-conflict', html)).toBe(true);
    expect(isClientRoute('/apiary', html)).toBe(true);
    for (const path of ['/api', '/api/nothing', '/xapi/nothing', '/health', '/health/x', '/assets/gone-1234.js'])
      expect(isClientRoute(path, html), path).toBe(false);
    // A script, an image or curl asking for a missing file gets the JSON 404, not the app.
    expect(isClientRoute('/favicon.ico', 'image/avif,image/webp,*/*')).toBe(false);
    expect(isClientRoute('/team', '*/*')).toBe(false);
    expect(isClientRoute('/team', undefined)).toBe(false);
    fc.assert(
      fc.property(
        fc.constantFrom('/api', '/xapi', '/health', '/assets'),
        fc.webPath(),
        (prefix, rest) => !isClientRoute(`${prefix}/${rest.replace(/^\//, '')}`, html),
      ),
    );
  });
});
