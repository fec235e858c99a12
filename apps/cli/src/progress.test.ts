import { describe, expect, it } from 'vitest';
import type { JobInfo } from '#libs/jobs';
import { duration, etaSeconds, progressLine } from './progress.js';

const job = (progress: JobInfo['progress'], state: JobInfo['state'] = 'active'): JobInfo => ({
  id: '3f2a9c1e-0000',
  name: 'generate-data',
  data: {},
  state,
  progress,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('the progress line', () => {
  it('shows a bar, the percent, done of total, the rate, the time left and the phase', () => {
    expect(
      progressLine(job({ percent: 40, processed: 4000, total: 10000, ratePerSecond: 1000, message: 'statements' }), 10),
    ).toBe('generate-data 3f2a9c1e: active  [####------] 40.0%  4,000/10,000  1,000/s  ETA 0:06  statements');
  });

  it('leaves the ETA out once the job has ended, or without a rate', () => {
    expect(progressLine(job({ percent: 100, processed: 10, total: 10, ratePerSecond: 5 }, 'completed'), 4)).toBe(
      'generate-data 3f2a9c1e: completed  [####] 100.0%  10/10  5/s',
    );
    expect(etaSeconds(5, 10, undefined)).toBeUndefined();
    expect(etaSeconds(5, undefined, 3)).toBeUndefined();
  });

  it('writes durations as m:ss or h:mm:ss', () => {
    expect(duration(59.6)).toBe('1:00');
    expect(duration(3725)).toBe('1:02:05');
  });
});
