import { Command } from 'commander';
import { ApiError, createApiClient, type ApiClient } from './api-client.js';
import { registerGenerateCommand } from './commands/generate.command.js';
import { registerJobCommands } from './commands/jobs.command.js';
import { registerLrsClientCommands } from './commands/lrs-clients.command.js';
import { registerProjectionCommands } from './commands/projections.command.js';

const program = new Command()
  .name('continuum')
  .description('Operate a running Continuum through its HTTP API (npm run cli -- <command>)')
  .option(
    '--url <url>',
    'Continuum base URL (default CONTINUUM_URL, else the instance running from DATA_DIR, else http://localhost:$PORT)',
  )
  .option('--token <token>', 'admin token (default ADMIN_TOKEN or the embedded one in DATA_DIR/admin-token)');

const api = (): ApiClient => createApiClient(program.opts<{ url?: string; token?: string }>());
registerProjectionCommands(program, api);
registerJobCommands(program, api);
registerLrsClientCommands(program, api);
registerGenerateCommand(program, api);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof ApiError ? error.message : error);
  process.exit(1);
});
