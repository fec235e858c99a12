import type { JobInfo } from '#libs/jobs';

/**
 * One line for a job's progress: a bar, the percent, items done of the total, the rate and the time
 * left at that rate (ETA), and the job's message (a generation's phase):
 * `generate-data 3f2a9c1e: active [########------------] 41.3%  12,345/29,870  1,204/s  ETA 0:15  statements`
 */
export function progressLine(job: JobInfo, width = 20): string {
  const p = job.progress;
  const parts = [`${job.name} ${job.id.slice(0, 8)}: ${job.state}`];
  if (p) {
    const filled = Math.round((Math.min(100, Math.max(0, p.percent)) / 100) * width);
    parts.push(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.percent.toFixed(1)}%`);
    if (p.processed !== undefined)
      parts.push(p.total !== undefined ? `${number(p.processed)}/${number(p.total)}` : number(p.processed));
    if (p.ratePerSecond !== undefined) parts.push(`${number(Math.round(p.ratePerSecond))}/s`);
    const eta = etaSeconds(p.processed, p.total, p.ratePerSecond);
    if (eta !== undefined && job.state === 'active') parts.push(`ETA ${duration(eta)}`);
    if (p.message) parts.push(p.message);
  }
  if (job.error) parts.push(`error: ${job.error}`);
  return parts.join('  ');
}

/** Seconds left at the current rate; undefined without a total or a rate. */
export function etaSeconds(
  processed: number | undefined,
  total: number | undefined,
  rate: number | undefined,
): number | undefined {
  if (processed === undefined || total === undefined || !rate || rate <= 0) return undefined;
  return Math.max(0, (total - processed) / rate);
}

/** h:mm:ss, or m:ss under an hour. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

function number(n: number): string {
  return n.toLocaleString('en-GB');
}
