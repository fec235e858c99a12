import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTypeValidator } from '@nestjs/common';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci` must be clean on the Node the README names: no EBADENGINE warning (every installed package
 * accepts that Node) and no install script left unreviewed (each is approved or denied in allowScripts).
 */
const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; hasInstallScript?: boolean }>;
};
/** The installed packages: the lock's entries for other platforms (optional dependencies) are not on disk. */
const installed = Object.entries(lock.packages).filter(([path]) => path !== '' && existsSync(join(root, path)));
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('npm ci on the supported Node', () => {
  const minimum = semver.minVersion(manifest.engines.node)!.version;

  it(`every installed package accepts Node ${minimum} (the README's minimum) and this Node`, () => {
    const refusing = installed.flatMap(([path, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!range) return [];
      const accepts = (version: string) => semver.satisfies(version, range, { includePrerelease: true });
      return accepts(minimum) && accepts(process.version)
        ? []
        : [`${nameOf(path)}@${entry.version} wants node ${range}`];
    });
    expect(refusing).toEqual([]);
  });

  it('every installed package with an install script is approved or denied in allowScripts', () => {
    const unreviewed = installed
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => nameOf(path))
      .filter((name) => typeof manifest.allowScripts[name] !== 'boolean');
    expect(unreviewed).toEqual([]);
  });
});

/** The overrides that keep those packages on versions for Node 20 still do what their dependents ask of them. */
describe('packages overridden for Node 20, used by their dependents', () => {
  it('cookie: Fastify inject (light-my-request) sends cookies', async () => {
    const app = Fastify();
    app.get('/', async (request) => request.headers.cookie ?? '');
    const response = await app.inject({ method: 'GET', url: '/', cookies: { a: '1', b: 'x y' } });
    expect(response.body).toBe('a=1; b=x%20y');
    await app.close();
  });

  it('content-disposition: @fastify/static names a download', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'continuum-static-'));
    writeFileSync(join(directory, 'export.csv'), 'a,b\n');
    const app = Fastify();
    await app.register(fastifyStatic, { root: directory, serve: false });
    app.get('/', (_request, reply) => reply.download('export.csv', 'Mary’s record.csv'));
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="Mary?s record.csv"; filename*=UTF-8''Mary%E2%80%99s%20record.csv`,
    );
    expect(response.body).toBe('a,b\n');
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("file-type: Nest's FileTypeValidator recognises a PNG by its content", async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    );
    const validator = new FileTypeValidator({ fileType: 'image/png' });
    expect(await validator.isValid({ mimetype: 'image/png', buffer: png } as never)).toBe(true);
    expect(await validator.isValid({ mimetype: 'image/png', buffer: Buffer.from('GIF89a............') } as never)).toBe(
      false,
    );
  });
});
