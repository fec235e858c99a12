import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const violations = fileURLToPath(new URL('./violations/', import.meta.url));

/** `npm run lint`'s check, run from `cwd` over its libs (and apps, where there are any). */
function lint(cwd: string, paths: string[]): { status: number | null; output: string } {
  const cli = `${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;
  const result = spawnSync(
    process.execPath,
    [cli, '--config', `${root}.dependency-cruiser.cjs`, '--output-type', 'err', ...paths],
    {
      cwd,
      encoding: 'utf8',
    },
  );
  return { status: result.status, output: result.stdout + result.stderr };
}

// A cruise of the whole tree takes ~3 s alone and ~25 s on this 2-core machine under the full suite.
describe('npm run lint (dependency-cruiser)', { timeout: 120_000 }, () => {
  it('passes on the tree', () => {
    const { status, output } = lint(root, ['libs', 'apps']);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('fails on an internal import, a cycle between libs and a lib importing the composition root', () => {
    const { status, output } = lint(violations, ['libs']);
    expect(status).not.toBe(0);
    expect(output).toContain('lib-internals: libs/alpha/src/index.ts → libs/beta/src/internal/detail.ts');
    expect(output).toMatch(/lib-cycle: libs\/(gamma|delta)\/src\/index\.ts/);
    expect(output).toContain('composition-root: libs/epsilon/src/index.ts → libs/composition/src/index.ts');
    expect(output).not.toContain('libs/beta/src/index.ts →');
  });
});
