import type { Command } from 'commander';
import type { JobInfo } from '#libs/jobs';
import type { ProjectionStatus } from '#libs/projections';
import type { ApiClient } from '../api-client.js';
import { followJob } from './jobs.command.js';

export function registerProjectionCommands(program: Command, api: () => ApiClient): void {
  const projections = program.command('projections').description('Read models kept from the event log');

  projections
    .command('list')
    .description('Each projection with its checkpoint, the head of the log, and the process running it')
    .action(async () => {
      const rows = await api().request<(ProjectionStatus & { kind?: string })[]>('GET', '/api/admin/projections');
      console.table(
        rows.map((r) => ({
          projection: r.name,
          kind: r.kind ?? 'projection',
          position: r.position,
          head: r.headPosition,
          events: r.eventsApplied,
          runner: r.runner,
          rebuilt: r.rebuiltAt ?? '',
        })),
      );
    });

  projections
    .command('rebuild <name>')
    .description('Rebuild a projection from the start of the log beside the live one, then swap it in')
    .option('--no-wait', 'return as soon as the job is queued')
    .action(async (name: string, options: { wait: boolean }) => {
      const client = api();
      const job = await client.request<JobInfo>('POST', `/api/admin/projections/${encodeURIComponent(name)}/rebuild`);
      console.log(`Rebuild of ${name} queued as job ${job.id}`);
      if (options.wait) await followJob(client, job.id);
    });
}
