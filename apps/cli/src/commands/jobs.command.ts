import type { Command } from 'commander';
import type { JobInfo } from '#libs/jobs';
import type { ApiClient } from '../api-client.js';
import { progressLine } from '../progress.js';

export function registerJobCommands(program: Command, api: () => ApiClient): void {
  const jobs = program.command('jobs').description('Background jobs (rebuilds, imports, exports)');

  jobs
    .command('list')
    .option('--state <state>', 'waiting, active, completed or failed')
    .action(async (options: { state?: string }) => {
      const query = options.state ? `?state=${encodeURIComponent(options.state)}` : '';
      const rows = await api().request<JobInfo[]>('GET', `/api/admin/jobs${query}`);
      console.table(
        rows.map((j) => ({
          id: j.id,
          name: j.name,
          state: j.state,
          percent: j.progress?.percent ?? '',
          created: j.createdAt,
        })),
      );
    });

  jobs
    .command('show <id>')
    .option('--follow', 'print progress until the job ends')
    .action(async (id: string, options: { follow?: boolean }) => {
      const client = api();
      if (options.follow) await followJob(client, id);
      else
        console.log(
          JSON.stringify(await client.request<JobInfo>('GET', `/api/admin/jobs/${encodeURIComponent(id)}`), null, 2),
        );
    });
}

/**
 * Follows a job until it completes (exit 0) or fails (exit 1): on a terminal one progress line
 * redrawn in place (bar, rate, ETA), elsewhere a line per change.
 */
export async function followJob(api: ApiClient, id: string, intervalMs = 500): Promise<JobInfo> {
  const inPlace = Boolean(process.stdout.isTTY);
  let last = '';
  for (;;) {
    const job = await api.request<JobInfo>('GET', `/api/admin/jobs/${encodeURIComponent(id)}`);
    const line = progressLine(job);
    const ended = job.state === 'completed' || job.state === 'failed';
    if (line !== last) {
      if (inPlace) process.stdout.write(`\r\x1b[2K${line}${ended ? '\n' : ''}`);
      else console.log(line);
    }
    last = line;
    if (job.state === 'completed') return job;
    if (job.state === 'failed') {
      process.exitCode = 1;
      return job;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
