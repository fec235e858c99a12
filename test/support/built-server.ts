import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../libs/database/src/scratch.js';

export interface BuiltServer {
  baseUrl: string;
  dataDir: string;
  output(): string;
  /** The demo data set's credentials, once seeded (see apps/api/src/demo). */
  demo(): Promise<DemoCredentials>;
  stop(): Promise<void>;
}

export interface DemoCredentials {
  organisationId: string;
  users: { email: string; password: string; displayName: string; role: string }[];
  workers: Record<'mary' | 'michael' | 'sunita', string>;
  /** The demo organisation's LRS client, for sending statements to /xapi. */
  lrs: { endpoint: string; key: string; secret: string };
}

/**
 * The built server as `npm start` runs it (dist/, embedded PostgreSQL, the demo data set), on a free
 * port with its own data directory. Build first (`buildOnce`).
 */
/**
 * The environment of a server started as `npm start` starts it, on `port` with `dataDir`: no external
 * service (embedded PostgreSQL, in-process jobs), a new admin token, a worker and the demo data set.
 */
export function embeddedEnv(port: number, dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  for (const key of [
    'DATABASE_URL',
    'REDIS_URL',
    'EVENT_STORE',
    'EVENTSTORE_URL',
    'ADMIN_TOKEN',
    'RUN_WORKER',
    'DEMO_DATA',
  ])
    delete env[key];
  return { ...env, ...extra };
}

export async function startBuiltServer(): Promise<BuiltServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-built-'));
  const port = await freePort();
  const env = embeddedEnv(port, dataDir);
  // No generated trends set: a background job writing thousands of statements made browser tests flaky.
  env.DEMO_TRENDS = 'false';
  const server: ChildProcess = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const waitFor = async (done: () => boolean | Promise<boolean>, what: string, timeoutMs: number) => {
    const started = Date.now();
    while (!(await done())) {
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${output}`);
      if (Date.now() - started > timeoutMs) throw new Error(`${what} not within ${timeoutMs} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    // /health answers 200 once the demo data is seeded: ~20 s on a quiet machine, over 60 s in a full
    // suite run beside other work (load average ~17 on 6 Dec 2026), which failed the browser tests' start;
    // over 180 s for two servers seeding at once at a load average of 25 (7 Dec 2026).
    await waitFor(
      async () => (await fetch(`${baseUrl}/health`).catch(() => undefined))?.status === 200,
      'a healthy /health',
      300_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    dataDir,
    output: () => output,
    demo: async () => {
      await waitFor(() => output.includes('demo data (credentials kept in'), 'the demo data set', 120_000);
      return JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
    },
    stop,
  };
}
