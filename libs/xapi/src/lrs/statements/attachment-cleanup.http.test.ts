import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import {
  postWithAttachment,
  sha256,
  statementWith,
  storedWithAttachments,
} from '../../../../../test/support/attachments.js';
import { until } from '../../../../../test/support/until.js';
import {
  ATTACHMENT_CLEANUP_JOB,
  type AttachmentCleanupJobData,
  type AttachmentCleanupResult,
} from './attachment-cleanup.js';

// Content is committed before the statement naming it is appended (statement-writer.service.ts), so an
// append that fails leaves content no statement names. The background cleanup removes it once its grace
// period is over, and never content a stored statement names, even one being stored as it runs.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const HOUR = 60 * 60 * 1000;

/** The cleanup as the background work runs it: a job on the platform's queue. */
async function cleanup(data: AttachmentCleanupJobData): Promise<AttachmentCleanupResult> {
  const job = await app.runtime.jobs.enqueue(ATTACHMENT_CLEANUP_JOB, data);
  return (await app.runtime.jobs.waitFor(job.id, 120_000)).result as AttachmentCleanupResult;
}

async function held(content: Buffer): Promise<{ rows: number; chunks: number }> {
  const { rows } = await app.runtime.pool.query<{ rows: number; chunks: number }>(
    `select (select count(*)::int from xapi_attachments where sha2 = $1) as rows,
            (select count(*)::int from xapi_attachment_chunks where sha2 = $1) as chunks`,
    [sha256(content)],
  );
  return rows[0]!;
}

/** Content an append left behind: a different statement under a stored id is a 409 after its content is in. */
async function orphan(label: string): Promise<Buffer> {
  const id = randomUUID();
  const other = Buffer.from(`%PDF stored first ${randomUUID()}`);
  expect((await postWithAttachment(app, statementWith(other, { id }), other)).status).toBe(200);
  const content = Buffer.from(`%PDF ${label} ${randomUUID()}`);
  expect((await postWithAttachment(app, statementWith(content, { id }), content)).status).toBe(409);
  expect(await held(content)).toEqual({ rows: 1, chunks: 1 });
  return content;
}

const age = (content: Buffer) =>
  app.runtime.pool.query(`update xapi_attachments set touched_at = now() - interval '2 days' where sha2 = $1`, [
    sha256(content),
  ]);

async function expectServed(id: string, content: Buffer): Promise<void> {
  const answer = await storedWithAttachments(app, id);
  expect(answer.status).toBe(200);
  expect(answer.body.includes(content), 'the statement is served with its content').toBe(true);
}

describe('the attachment cleanup', () => {
  it('removes content an append left behind once its grace period is over, never content a statement names', async () => {
    const used = Buffer.from(`%PDF used ${randomUUID()}`);
    const statement = statementWith(used);
    expect((await postWithAttachment(app, statement, used)).status).toBe(200);
    const left = await orphan('left behind');

    expect(await cleanup({ graceMs: HOUR })).toEqual({ removed: 0 });
    expect(await held(left)).toEqual({ rows: 1, chunks: 1 });

    expect(await cleanup({ graceMs: 0 })).toEqual({ removed: 1 });
    expect(await held(left)).toEqual({ rows: 0, chunks: 0 });
    expect(await held(used)).toEqual({ rows: 1, chunks: 1 });
    await expectServed(statement.id, used);
  });

  it('keeps old unused content that a statement being stored as it runs reuses', async () => {
    const content = await orphan('reused');
    await age(content);
    // The cleanup's delete is held on the content's row while a statement reusing that content is stored.
    const lock = await app.runtime.pool.connect();
    try {
      await lock.query('begin');
      await lock.query('select 1 from xapi_attachments where sha2 = $1 for update', [sha256(content)]);
      const cleaning = cleanup({ graceMs: HOUR });
      await until(() => waitingOnLock('delete from xapi_attachments'), 60_000);
      const reusing = statementWith(content);
      let answered = false;
      const storing = postWithAttachment(app, reusing, content).then((response) => {
        answered = true;
        return response.status;
      });
      // The writer either answers (it did not touch the content) or waits on the row (it touches it).
      await until(async () => answered || (await waitingOnLock('update xapi_attachments')), 60_000);
      await lock.query('commit');
      expect(await storing).toBe(200);
      // Whichever of the two took the row first, the statement has its content: kept, or stored again.
      await cleaning;
      expect(await held(content)).toEqual({ rows: 1, chunks: 1 });
      await expectServed(reusing.id, content);
    } finally {
      lock.release();
    }
  });
});

/**
 * True when a session running a statement holding `query` waits for a lock (asked on a connection of its
 * own: a transaction sees pg_stat_activity as it was when it first looked).
 */
async function waitingOnLock(query: string): Promise<boolean> {
  const { rows } = await app.runtime.pool.query(
    `select 1 from pg_stat_activity
      where wait_event_type = 'Lock' and pid <> pg_backend_pid() and position($1 in query) > 0`,
    [query],
  );
  return rows.length > 0;
}
