import type { JobProgress } from './job-queue.port.js';

/**
 * Clamps the percent and fills in the rate from `processed` when the handler did not give one, so
 * every job shows events/s without each handler timing itself.
 */
export function normalizeProgress(progress: JobProgress, startedAtMs: number, nowMs: number): JobProgress {
  const normalized: JobProgress = { percent: clampPercent(progress.percent) };
  if (progress.processed !== undefined) normalized.processed = progress.processed;
  if (progress.total !== undefined) normalized.total = progress.total;
  const rate = progress.ratePerSecond ?? derivedRate(progress.processed, nowMs - startedAtMs);
  if (rate !== undefined) normalized.ratePerSecond = rate;
  if (progress.message !== undefined) normalized.message = progress.message;
  return normalized;
}

function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, percent));
}

function derivedRate(processed: number | undefined, elapsedMs: number): number | undefined {
  if (processed === undefined) return undefined;
  // Sub-millisecond elapsed times would report absurd rates; a millisecond floor keeps them finite.
  return processed / (Math.max(elapsedMs, 1) / 1000);
}

export function isJobProgress(value: unknown): value is JobProgress {
  return typeof value === 'object' && value !== null && typeof (value as JobProgress).percent === 'number';
}
