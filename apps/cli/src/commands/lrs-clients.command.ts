import type { Command } from 'commander';
import type { ApiClient } from '../api-client.js';

interface LrsClientView {
  id: string;
  key: string;
  name: string;
  organisationId: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** Accepts the client or a factory (main.ts builds it lazily, after the global options are parsed). */
export function registerLrsClientCommands(program: Command, api: ApiClient | (() => ApiClient)): void {
  const client = (): ApiClient => (typeof api === 'function' ? api() : api);
  const clients = program
    .command('lrs-clients')
    .description('Credentials of LMSs and packages for the xAPI LRS at /xapi (HTTP Basic)');

  clients
    .command('create')
    .description('Registers a client and prints its key and secret (the secret is shown only once)')
    .requiredOption('--name <name>', 'who uses it, e.g. "Moodle, Fife Council"')
    .option('--organisation <id>', 'organisation id (default: "default")')
    .option(
      '--scopes <list>',
      'comma-separated xAPI scopes, e.g. statements/write,statements/read,state,profile (default: statements/write,statements/read/mine)',
    )
    .action(async (options: { name: string; organisation?: string; scopes?: string }) => {
      const body = {
        name: options.name,
        ...(options.organisation ? { organisationId: options.organisation } : {}),
        ...(options.scopes ? { scopes: splitList(options.scopes) } : {}),
      };
      const created = await client().request<LrsClientView & { secret: string }>(
        'POST',
        '/api/admin/lrs-clients',
        body,
      );
      console.log(describeCreated(created, client().baseUrl));
    });

  clients
    .command('list')
    .description('Every client with its organisation, scopes and state (never secrets)')
    .action(async () => {
      const rows = await client().request<LrsClientView[]>('GET', '/api/admin/lrs-clients');
      if (rows.length === 0) return console.log('No LRS clients.');
      console.table(
        rows.map((c) => ({
          id: c.id,
          key: c.key,
          name: c.name,
          organisation: c.organisationId,
          scopes: c.scopes.join(','),
          created: c.createdAt,
          state: c.revokedAt ? `revoked ${c.revokedAt}` : 'active',
        })),
      );
    });

  clients
    .command('revoke <id>')
    .description('Revokes a client: its credentials stop working (in every API process within 60 s)')
    .action(async (id: string) => {
      await client().request<void>('DELETE', `/api/admin/lrs-clients/${encodeURIComponent(id)}`);
      console.log(`Revoked LRS client ${id}.`);
    });
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function describeCreated(created: LrsClientView & { secret: string }, baseUrl: string): string {
  return [
    `Created LRS client "${created.name}" (id ${created.id}) in organisation ${created.organisationId}`,
    `scopes: ${created.scopes.join(', ')}`,
    '',
    `  endpoint: ${baseUrl}/xapi/`,
    `  key:      ${created.key}`,
    `  secret:   ${created.secret}`,
    '',
    'Store the secret now: it is not shown again (only its hash is kept).',
  ].join('\n');
}
