import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import { STATEMENT_STORED } from './statement-events.js';
import {
  postWithAttachment,
  sha256,
  statementWith,
  storedWithAttachments,
} from '../../../../../test/support/attachments.js';

// The attachment content and the statement are written in two steps (the content in its own transaction,
// the statement by the event store's append): whatever fails between them, a stored statement must never
// lack its content. Failures are injected with a trigger on the event log, in this file's own database.

let app: TestApp;

/** The verb whose statements the trigger refuses: a failure after the content is written. */
const FAILING_VERB = 'http://example.org/verbs/fails-on-append';

beforeAll(async () => {
  app = await startTestApp();
  // Runs in the append's transaction, which sees only committed rows of other transactions.
  await app.runtime.pool.query(`
    create function test_attachment_content_first() returns trigger language plpgsql as $$
    begin
      if exists (
        select 1 from json_array_elements(coalesce(new.data::json -> 'statement' -> 'attachments', '[]'::json)) a
        where not exists (select 1 from xapi_attachment_chunks c where c.sha2 = lower(a ->> 'sha2'))
      ) then
        raise exception 'statement appended before its attachment content was committed';
      end if;
      if new.data::json -> 'statement' -> 'verb' ->> 'id' = '${FAILING_VERB}' then
        raise exception 'injected failure between the content and the append';
      end if;
      return new;
    end $$;
    create trigger test_attachment_content_first before insert on events
      for each row when (new.type = '${STATEMENT_STORED}') execute function test_attachment_content_first();`);
});
afterAll(async () => app?.close());

const post = (statement: unknown, content: Buffer) => postWithAttachment(app, statement, content);
const stored = (id: string) => storedWithAttachments(app, id);

async function chunksOf(content: Buffer): Promise<number> {
  const { rows } = await app.runtime.pool.query(
    'select count(*)::int as n from xapi_attachment_chunks where sha2 = $1',
    [sha256(content)],
  );
  return (rows[0] as { n: number }).n;
}

describe('statements with attachments: content before statement', () => {
  it('commits the content before the statement is appended', async () => {
    const content = Buffer.from(`%PDF committed first ${randomUUID()}`);
    const statement = statementWith(content);
    const response = await post(statement, content);
    expect(response.status, await response.text()).toBe(200);
    const back = await stored(statement.id);
    expect(back.status).toBe(200);
    expect(back.body.includes(content)).toBe(true);
  });

  it('a failure between the content and the append stores no statement and leaves the content, which a retry uses', async () => {
    const content = Buffer.from(`%PDF orphaned by a failed append ${randomUUID()}`);
    const failing = statementWith(content, { verb: FAILING_VERB });
    const response = await post(failing, content);
    expect(response.status, await response.text()).toBeGreaterThanOrEqual(500);
    expect((await stored(failing.id)).status).toBe(404);
    // Content no statement references is acceptable; a statement without its content is not.
    expect(await chunksOf(content)).toBe(1);
    const retried = statementWith(content);
    const again = await post(retried, content);
    expect(again.status, await again.text()).toBe(200);
    const back = await stored(retried.id);
    expect(back.body.includes(content)).toBe(true);
    expect(await chunksOf(content)).toBe(1);
  });
});
