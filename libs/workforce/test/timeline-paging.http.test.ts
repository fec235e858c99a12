import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { ok, sendStatements } from '../../../test/support/http-api.js';

/** Issue 11 §4: the timeline's cursor is exact (microseconds, as stored) and unique (with the statement id). */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

/** Plain learning records of one new learner at the given timestamps; the learner's worker id. */
async function learnerWithRecordsAt(timestamps: string[]): Promise<string> {
  const mbox = `mailto:learner-${randomUUID()}@lms.example.org`;
  await sendStatements(
    app,
    timestamps.map((timestamp, i) => ({
      actor: { objectType: 'Agent', mbox },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
      object: { objectType: 'Activity', id: `https://lms.example.org/courses/${i}` },
      timestamp,
    })),
  );
  await waitForProjections(app.runtime);
  const [worker] = await ok(
    app,
    app.adminToken,
    'GET',
    `/api/workers?agent=${encodeURIComponent(JSON.stringify({ mbox }))}`,
  );
  return worker.id as string;
}

async function pagedStatementIds(workerId: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const query: string = `limit=${limit}${after ? `&after=${after}` : ''}`;
    const page = await ok(app, app.adminToken, 'GET', `/api/workers/${workerId}/timeline?${query}`);
    ids.push(...page.entries.map((e: { statementId: string }) => e.statementId));
    after = page.next;
  } while (after);
  return ids;
}

describe('GET /api/workers/:id/timeline paging', () => {
  it('shows three records within one millisecond one page at a time', async () => {
    const worker = await learnerWithRecordsAt([
      '2026-03-02T10:00:00.123456Z',
      '2026-03-02T10:00:00.123400Z',
      '2026-03-02T10:00:00.123000Z',
    ]);
    expect(await pagedStatementIds(worker, 500)).toHaveLength(3);
    expect(await pagedStatementIds(worker, 1)).toEqual(await pagedStatementIds(worker, 500));
  });

  it('returns exactly the unpaged list with any page size, ties and microseconds included', async () => {
    // Few distinct instants, some microseconds apart within one millisecond, so equal times and near-ties abound.
    const instant = fc
      .constantFrom('.000000', '.000001', '.000999', '.123000', '.123400', '.123456')
      .map((us) => `2026-03-02T10:00:00${us}Z`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(instant, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 13 }),
        async (timestamps, limit) => {
          const worker = await learnerWithRecordsAt(timestamps);
          const unpaged = await pagedStatementIds(worker, 500);
          expect(unpaged).toHaveLength(timestamps.length);
          expect(await pagedStatementIds(worker, limit)).toEqual(unpaged);
        },
      ),
      { numRuns: 15 },
    );
  });
});
