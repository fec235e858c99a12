import type { Command } from 'commander';
import type { JobInfo } from '#libs/jobs';
import type { ApiClient } from '../api-client.js';

export function registerJobCommands(program: Command, api: () => ApiClient): void {
  const jobs = program.command('jobs').description('Background jobs (rebuilds, imports, exports)');

  jobs
    .command('list')
    .option('--state <state>', 'waiting, active, completed or failed')
    .action(async (options: { state?: string }) => {
      const query = options.state ? `?state=${encodeURIComponent(options.state)}` : '';
      const rows = await api().request<JobInfo[]>('GET', `/api/admin/jobs${query}`);
      console.table(rows.map((j) => ({ id: j.id, name: j.name, state: j.state, percent: j.progress?.percent ?? '', created: j.createdAt })));
    });

  jobs
    .command('show <id>')
    .option('--follow', 'print progress until the job ends')
    .action(async (id: string, options: { follow?: boolean }) => {
      const client = api();
      if (options.follow) await followJob(client, id);
      else console.log(JSON.stringify(await client.request<JobInfo>('GET', `/api/admin/jobs/${encodeURIComponent(id)}`), null, 2));
    });
}

/** Prints one progress line per change until the job completes (exit 0) or fails (exit 1). */
export async function followJob(api: ApiClient, id: string, intervalMs = 500): Promise<JobInfo> {
  let last = '';
  for (;;) {
    const job = await api.request<JobInfo>('GET', `/api/admin/jobs/${encodeURIComponent(id)}`);
    const line = describeProgress(job);
    if (line !== last) console.log(line);
    last = line;
    if (job.state === 'completed') return job;
    if (job.state === 'failed') {
      process.exitCode = 1;
      return job;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function describeProgress(job: JobInfo): string {
  const p = job.progress;
  const parts = [`${job.name} ${job.id.slice(0, 8)}: ${job.state}`];
  if (p) {
    parts.push(`${p.percent.toFixed(1)}%`);
    if (p.processed !== undefined) parts.push(`${p.processed} events`);
    if (p.ratePerSecond !== undefined) parts.push(`${p.ratePerSecond} events/s`);
    if (p.message) parts.push(p.message);
  }
  if (job.error) parts.push(`error: ${job.error}`);
  return parts.join('  ');
}
