import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

const LOCK = join('dist', '.test-build.lock');
const STAMP = join('dist', '.test-build-run');
const STALE_MS = 10 * 60_000;

/**
 * `npm run build` (the server with tsc, the web app with Vite) once per test run, whichever test file
 * asks first: test files run in parallel, and two builds writing dist/ at once would let a server start
 * from half-written files. A lock folder serialises them; a stamp with the run's id skips a second build.
 */
export async function buildOnce(): Promise<void> {
  const runId = inject('testRunId');
  mkdirSync('dist', { recursive: true });
  await acquireLock();
  try {
    if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === runId) return;
    // As `npm start` builds: under vitest NODE_ENV is "test", and Vite would keep Preact's and TanStack
    // Query's development code in the bundle (~4 KB gzipped more), so the size measured would not be the one served.
    const build = spawnSync('npm', ['run', 'build'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    writeFileSync(STAMP, runId);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run would block every later one.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > STALE_MS)
        rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
