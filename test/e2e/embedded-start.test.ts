import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../libs/database/src/scratch.js';
import { buildOnce } from '../support/build.js';
import { embeddedEnv } from '../support/built-server.js';

/**
 * What a newcomer does: build, start with no external service and no configuration but a port and a
 * data directory, wait for /health, restart, and find the data again.
 */
describe('embedded start (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-e2e-'));
  let port: number;
  let server: ChildProcess | undefined;
  let output = '';

  beforeAll(() => buildOnce(), 300_000);

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every /health answer while starting: none may say ready before the demo credentials exist. */
  let healthSeen: { status: number; body: any; credentialsExisted: boolean }[] = [];
  const credentialsFile = join(dataDir, 'demo-credentials.json');

  const getJson = async (path: string, init?: RequestInit): Promise<any> =>
    (await fetch(`http://127.0.0.1:${port}${path}`, init)).json();

  async function start(): Promise<number> {
    port = await freePort();
    output = '';
    const env = embeddedEnv(port, dataDir);
    // The generated trends set is a background job of minutes: it would only compete with what is timed here.
    env.DEMO_TRENDS = 'false';
    server = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (chunk) => (output += chunk));
    server.stderr!.on('data', (chunk) => (output += chunk));
    const started = Date.now();
    healthSeen = [];
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${output}`);
      const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
      if (response)
        healthSeen.push({
          status: response.status,
          body: await response.json(),
          credentialsExisted: existsSync(credentialsFile),
        });
      if (response?.status === 200) return Date.now() - started;
      if (Date.now() - started > 150_000) throw new Error(`no healthy /health within 150 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function stop(): Promise<void> {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }

  /** Waits until the server's output contains `text` (the demo data is seeded after /health answers). */
  async function waitForOutput(text: string, timeoutMs = 120_000): Promise<void> {
    const started = Date.now();
    while (!output.includes(text)) {
      if (server?.exitCode !== null) throw new Error(`server exited:\n${output}`);
      if (Date.now() - started > timeoutMs) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The CLI as an operator runs it, with only `env` beyond the machine's own (no PORT, URL or token). */
  function cliWith(env: Record<string, string>, ...args: string[]) {
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const key of ['PORT', 'CONTINUUM_URL', 'ADMIN_TOKEN', 'DATA_DIR']) delete base[key];
    return spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
      env: { ...base, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
  }

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    let value = await read();
    for (let i = 0; i < 100 && !done(value); i++) {
      await new Promise((r) => setTimeout(r, 100));
      value = await read();
    }
    return value;
  }

  it('answers /health 200 once the demo data is seeded, prints the URL and the admin token, and keeps data across a restart', async () => {
    await start();
    // Ready only once the demo data set is seeded: its credentials exist from the first 200 on.
    expect(healthSeen.at(-1)).toMatchObject({ status: 200, credentialsExisted: true });
    expect(healthSeen.some((h) => h.status === 503)).toBe(true);
    for (const seen of healthSeen.filter((h) => h.status !== 200))
      expect(seen).toMatchObject({ status: 503, body: { status: 'starting', demoData: 'seeding' } });
    const health = await getJson('/health');
    expect(health).toMatchObject({
      status: 'ok',
      database: 'ok',
      eventStore: { kind: 'postgres', status: 'ok' },
      jobs: 'in-process',
      embedded: true,
      demoData: 'seeded',
    });
    expect(output).toContain(`http://localhost:${port}`);
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    expect(output).toContain(token);

    const auth = { authorization: `Bearer ${token}` };

    // The demo data set: seeded through the HTTP API on the first start, its credentials kept and printed.
    await waitForOutput('demo data (credentials kept in');
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    const demo = JSON.parse(readFileSync(credentialsFile, 'utf8'));
    const mary = demo.users.find((u: { email: string }) => u.email.startsWith('mary@'));
    expect(output).toContain(`${mary.email} / ${mary.password}`);
    expect(output).toContain(demo.lrs.secret);
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: mary.email, password: mary.password }),
    });
    expect(signIn.status).toBe(200);
    const maryAuth = { authorization: `Bearer ${((await signIn.json()) as { token: string }).token}` };
    const stageOf = (profile: any, capabilityId: string) =>
      profile.capabilities?.find((c: { capabilityId: string }) => c.capabilityId === capabilityId)?.stage;
    const profile = await eventually(
      () => getJson(`/api/workers/${demo.workers.mary}/capabilities`, { headers: maryAuth }),
      (p) => stageOf(p, 'pc.self-confidence') === 'engaged',
    );
    expect(stageOf(profile, 'pc.managing-conflict')).toBe('engaged');
    expect(stageOf(profile, 'pc.self-confidence')).toBe('engaged');
    expect(stageOf(profile, 'pc.flexibility')).toBe('not-yet-engaged');
    const lrsAbout = await fetch(`http://127.0.0.1:${port}/xapi/statements?limit=1`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${demo.lrs.key}:${demo.lrs.secret}`).toString('base64')}`,
        'x-experience-api-version': '1.0.3',
      },
    });
    expect(lrsAbout.status).toBe(200);
    const seeded = {
      users: (await getJson('/api/admin/users?limit=500', { headers: auth })).users.length,
      lrsClients: (await getJson('/api/admin/lrs-clients', { headers: auth })).length,
      maryRecords: (await getJson(`/api/workers/${demo.workers.mary}/timeline?limit=500`, { headers: auth })).entries
        .length,
    };
    // The four demo users and the seven colleagues who answer the staff survey as themselves.
    expect(seeded.users).toBe(11);
    expect(demo.users.map((u: { role: string }) => u.role)).toContain('national evaluator (trends, never a person)');

    // The CLI finds this instance (not on port 8080) and its admin token from DATA_DIR alone.
    expect(JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8'))).toMatchObject({
      url: `http://127.0.0.1:${port}`,
      pid: server!.pid,
    });
    const cli = cliWith({ DATA_DIR: dataDir }, 'projections', 'list');
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('workforce-evidence-reactor');
    const job = await getJson('/api/admin/projections/event-log/rebuild', { method: 'POST', headers: auth });
    let state = '';
    for (let i = 0; i < 100 && state !== 'completed'; i++) {
      state = (await getJson(`/api/admin/jobs/${job.id}`, { headers: auth })).state;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toBe('completed');
    const before = await getJson('/api/admin/projections', { headers: auth });
    expect(before[0].rebuiltAt).toBeTruthy();

    await stop();
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid')), output).toBe(false);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    expect(cliWith({ DATA_DIR: dataDir, PORT: String(port) }, 'projections', 'list').stderr).toContain(
      `Cannot reach Continuum at http://localhost:${port}`,
    );
    await start();
    const after = await getJson('/api/admin/projections', { headers: auth });
    expect(after[0].rebuiltAt).toBe(before[0].rebuiltAt);

    // Nothing is seeded twice; the kept credentials are printed again (and /health said ready without seeding).
    expect(healthSeen.every((h) => h.status === 200 || h.body.demoData !== 'seeding')).toBe(true);
    expect(await getJson('/health')).toMatchObject({ status: 'ok', demoData: 'seeded' });
    await waitForOutput('demo data (credentials kept in');
    expect(output).not.toContain('seeding the demo data set');
    expect(output).toContain(`${mary.email} / ${mary.password}`);
    expect({
      users: (await getJson('/api/admin/users?limit=500', { headers: auth })).users.length,
      lrsClients: (await getJson('/api/admin/lrs-clients', { headers: auth })).length,
      maryRecords: (await getJson(`/api/workers/${demo.workers.mary}/timeline?limit=500`, { headers: auth })).entries
        .length,
    }).toEqual(seeded);
    const again = await fetch(`http://127.0.0.1:${port}/api/organisations`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: demo.organisationId,
        name: 'Demo care services',
        sector: 'voluntary',
        region: 'Fife',
        serviceType: 'care home for adults',
        sizeBand: 'medium',
      }),
    });
    expect(again.status).toBe(409);
  }, 240_000); // two starts, the first seeding the demo data set: minutes on a busy shared host

  it('refuses to start on a bad configuration value, naming it', () => {
    const result = spawnSync(process.execPath, ['dist/apps/api/src/main.js'], {
      env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT must be a number (got "eighty")');
  });
});
