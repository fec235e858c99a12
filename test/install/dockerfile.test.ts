import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No Docker engine runs here, so the image is checked by reading: the build stage must copy every file
 * `npm run build` reads. `types/` was once missing, and the image's tsc failed on a module without types.
 */
const root = join(import.meta.dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const buildStage = dockerfile.split(/^FROM /m)[1] ?? '';
const copied = new Set(
  [...buildStage.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1)),
);
const tsconfigBuild = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as {
  include: string[];
  extends: string;
};

describe('Dockerfile build stage', () => {
  it('copies every top-level folder tsconfig.build.json compiles, and the configs it extends', () => {
    const folders = [...new Set(tsconfigBuild.include.map((pattern) => pattern.split('/')[0]!))];
    const configs = [
      'package.json',
      'package-lock.json',
      'tsconfig.build.json',
      tsconfigBuild.extends.replace(/^\.\//, ''),
    ];
    expect([...folders, ...configs].filter((path) => !copied.has(path))).toEqual([]);
  });
});
