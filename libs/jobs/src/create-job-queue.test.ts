import { describe, expect, it } from 'vitest';
import { testRedis } from '../../../test/support/redis.js';
import { createJobQueue } from './create-job-queue.js';

describe('createJobQueue', () => {
  it('gives the in-process queue without a Redis URL', async () => {
    const queue = createJobQueue();
    expect(queue.kind).toBe('in-process');
    await queue.close();
  });

  const { url, reason } = testRedis();
  it.skipIf(!url)(`gives the BullMQ queue with a Redis URL${url ? '' : ` (SKIPPED: ${reason})`}`, async () => {
    const queue = createJobQueue({ redisUrl: url, prefix: 'continuum-test-factory' });
    expect(queue.kind).toBe('bullmq');
    await queue.close();
  });
});
