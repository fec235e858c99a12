import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { createApiClient, type ApiClient } from '../api-client.js';
import { registerLrsClientCommands } from './lrs-clients.command.js';
import { registerOrganisation } from '../../../../test/support/organisations.js';

let app: TestApp;
let api: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  api = createApiClient({ url: app.baseUrl, token: app.adminToken });
  await registerOrganisation(app, 'org-a');
});

afterAll(async () => {
  await app?.close();
});

/** Runs one CLI command against the running API and returns what it printed. */
async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerLrsClientCommands(program, api);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
  const table = vi.spyOn(console, 'table').mockImplementation((rows: unknown) => void lines.push(JSON.stringify(rows)));
  try {
    await program.parseAsync(['node', 'continuum', ...args]);
  } finally {
    log.mockRestore();
    table.mockRestore();
  }
  return lines.join('\n');
}

describe('continuum lrs-clients', () => {
  it('creates a client, prints key and secret once, lists it and revokes it', async () => {
    const output = await run(
      'lrs-clients',
      'create',
      '--name',
      'Moodle',
      '--organisation',
      'org-a',
      '--scopes',
      'statements/write, state',
    );
    const key = /key:\s+(\S+)/.exec(output)?.[1];
    const secret = /secret:\s+(\S+)/.exec(output)?.[1];
    expect(key).toBeDefined();
    expect(secret).toBeDefined();
    expect(output).toContain('organisation org-a');
    expect(output).toContain('scopes: statements/write, state');
    expect(output).toContain(`${app.baseUrl}/xapi/`);

    const clients = await api.request<{ id: string; key: string }[]>('GET', '/api/admin/lrs-clients');
    const id = clients.find((c) => c.key === key)!.id;
    const listed = await run('lrs-clients', 'list');
    expect(listed).toContain(key);
    expect(listed).not.toContain(secret);

    expect(await run('lrs-clients', 'revoke', id)).toBe(`Revoked LRS client ${id}.`);
    expect(await run('lrs-clients', 'list')).toContain('revoked');
  });

  it('reports the API rule when a scope is unknown', async () => {
    await expect(run('lrs-clients', 'create', '--name', 'X', '--scopes', 'admin')).rejects.toThrow(
      /400: scopes\[0\]: must be one of statements\/write, .* \(got "admin"\)/,
    );
  });
});
