import type { Command } from 'commander';
import type { JobInfo } from '#libs/jobs';
import type { ApiClient } from '../api-client.js';
import { followJob } from './jobs.command.js';

interface GenerateFlags {
  organisations: string;
  workers: string;
  years: string;
  seed: string;
  until?: string;
  surveyRespondents?: string;
  wait: boolean;
}

export function registerGenerateCommand(program: Command, api: () => ApiClient): void {
  program
    .command('generate')
    .description(
      'Generate a realistic, reproducible data set through the running platform (a background job): organisations, CLF adoption, audits, workers with turnover, evidence and learning as xAPI statements',
    )
    .requiredOption('--organisations <n>', 'organisations')
    .requiredOption('--workers <n>', 'workers')
    .requiredOption('--years <n>', 'calendar years, ending with the year of --until')
    .option('--seed <seed>', 'the same seed and options give the same data set', '1')
    .option('--until <date>', 'the last day anything happens, YYYY-MM-DD (default today)')
    .option('--survey-respondents <n>', "workers who answer each audit cycle's staff survey (default 5)")
    .option('--no-wait', 'return as soon as the job is queued')
    .action(async (flags: GenerateFlags) => {
      const client = api();
      const job = await client.request<JobInfo>('POST', '/api/admin/generate', bodyOf(flags));
      console.log(`Generating as job ${job.id} (npm run cli -- jobs show ${job.id} --follow)`);
      if (!flags.wait) return;
      const done = await followJob(client, job.id);
      if (done.state === 'completed') console.log(JSON.stringify(done.result, null, 2));
    });
}

/** Numbers stay numbers only when they are: the API names a bad one (`workers: must be an integer ...`). */
export function bodyOf(flags: GenerateFlags): Record<string, unknown> {
  const numberOrText = (value: string) => (/^\d+$/.test(value) ? Number(value) : value);
  return {
    organisations: numberOrText(flags.organisations),
    workers: numberOrText(flags.workers),
    years: numberOrText(flags.years),
    seed: flags.seed,
    ...(flags.until ? { until: flags.until } : {}),
    ...(flags.surveyRespondents === undefined ? {} : { surveyRespondents: numberOrText(flags.surveyRespondents) }),
  };
}
