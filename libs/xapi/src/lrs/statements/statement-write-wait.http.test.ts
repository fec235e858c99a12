import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import { STATEMENT_STORED, statementStreamId } from './statement-events.js';

// No projection worker runs in these apps: the statements never become queryable, so the time a write
// takes shows how long it waited for them.
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function authorised(target: TestApp): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`${target.lrsKey}:${target.lrsSecret}`).toString('base64')}`,
    'x-experience-api-version': '1.0.3',
  };
}

async function post(target: TestApp): Promise<{ status: number; ms: number; ids: string[] }> {
  const started = performance.now();
  const response = await fetch(`${target.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: { ...authorised(target), 'content-type': 'application/json' },
    body: JSON.stringify({
      id: randomUUID(),
      actor: { mbox: 'mailto:wait@example.org' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'http://example.org/activity/wait' },
    }),
  });
  return { status: response.status, ms: performance.now() - started, ids: (await response.json()) as string[] };
}

describe('XAPI_WRITE_WAIT_MS: how long a statement write waits to be queryable', () => {
  it('0 answers as soon as the statement is in the log', async () => {
    app = await startTestApp({ worker: false, env: { XAPI_WRITE_WAIT_MS: '0' } });
    // The first request of a process pays for compiling its code paths; time the second.
    await post(app);
    const result = await post(app);
    expect(result.status).toBe(200);
    expect(result.ms).toBeLessThan(1000);
    const [event] = await app.runtime.store.readStream(statementStreamId('default', result.ids[0]!));
    expect(event?.type).toBe(STATEMENT_STORED);
  });

  it('a wait that runs out still stores the statement and answers 200', async () => {
    app = await startTestApp({ worker: false, env: { XAPI_WRITE_WAIT_MS: '1200' } });
    const result = await post(app);
    expect(result.status).toBe(200);
    expect(result.ms).toBeGreaterThanOrEqual(1150);
    const [event] = await app.runtime.store.readStream(statementStreamId('default', result.ids[0]!));
    expect(event?.type).toBe(STATEMENT_STORED);
  });
});

describe('an API process without a worker', () => {
  it('finds the query model created at start: GET answers 200 with what is applied, and Consistent-Through stays before the pending statement', async () => {
    app = await startTestApp({ worker: false, env: { XAPI_WRITE_WAIT_MS: '0' } });
    const posted = await post(app);
    expect(posted.status).toBe(200);
    const [event] = await app.runtime.store.readStream(statementStreamId('default', posted.ids[0]!));
    const response = await fetch(`${app.baseUrl}/xapi/statements`, { headers: authorised(app) });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(((await response.json()) as { statements: unknown[] }).statements).toEqual([]);
    expect(Date.parse(response.headers.get('x-experience-api-consistent-through')!)).toBeLessThan(
      Date.parse(event!.recordedAt),
    );
  });
});
