import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildProjection } from '#libs/projections';
import { startTestApp, waitForProjections, type TestApp } from '../../../../../test/support/app.js';
import { statementsProjection } from './statements.projection.js';

let app: TestApp;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  auth = `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
});
afterAll(async () => app?.close());

async function post(body: unknown): Promise<string[]> {
  const response = await fetch(`${app.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as string[];
}

async function query(params: Record<string, string>): Promise<string[]> {
  const response = await fetch(`${app.baseUrl}/xapi/statements?${new URLSearchParams(params)}`, {
    headers: { authorization: auth, 'x-experience-api-version': '1.0.3' },
  });
  return ((await response.json()) as { statements: Array<{ id: string }> }).statements.map((s) => s.id);
}

const ref = (id: string, verb = 'http://example.org/verbs/confirmed') => ({
  actor: { mbox: 'mailto:assessor@example.org' },
  verb: { id: verb },
  object: { objectType: 'StatementRef', id },
});

describe('statements projection', () => {
  it('a statement targeting another matches the filters of its target, recursively (Communication 2.1.3.s3)', async () => {
    const ben = { mbox: `mailto:ben-${randomUUID()}@example.org` };
    const [passed] = await post({
      actor: ben,
      verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
      object: { id: 'http://example.org/explosives' },
    });
    const [confirmed] = await post(ref(passed));
    const [endorsed] = await post(ref(confirmed, 'http://example.org/verbs/endorsed'));
    expect(await query({ agent: JSON.stringify(ben) })).toEqual([endorsed, confirmed, passed]);
    expect(await query({ activity: 'http://example.org/explosives' })).toEqual([endorsed, confirmed, passed]);
  });

  it("a statement stored before its target gains the target's keys, and a voiding one voids it on arrival", async () => {
    const target = randomUUID();
    const agent = { mbox: `mailto:late-${randomUUID()}@example.org` };
    const [early] = await post(ref(target));
    const [voiding] = await post({ ...ref(target), verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } });
    await post({
      id: target,
      actor: agent,
      verb: { id: 'http://example.org/verbs/did' },
      object: { id: 'http://example.org/thing' },
    });
    expect(await query({ agent: JSON.stringify(agent) })).toEqual([voiding, early]);
  });

  it('a chain of statements stored before the statement at its end gains its keys all along (Communication 2.1.3.s3)', async () => {
    const [second, third] = [randomUUID(), randomUUID()];
    const agent = { mbox: `mailto:chain-${randomUUID()}@example.org` };
    const [first] = await post(ref(second, 'http://example.org/verbs/endorsed'));
    await post({ ...ref(third), id: second });
    await post({
      id: third,
      actor: agent,
      verb: { id: 'http://example.org/verbs/did' },
      object: { id: 'http://example.org/chain' },
    });
    expect(await query({ agent: JSON.stringify(agent) })).toEqual([third, second, first]);
    expect(await query({ activity: 'http://example.org/chain' })).toEqual([third, second, first]);
  });

  it('a broad query finds a statement once, however many places hold the agent or activity', async () => {
    const ann = { mbox: `mailto:ann-${randomUUID()}@example.org` };
    const course = `http://example.org/courses/${randomUUID()}`;
    const [both] = await post({
      actor: ann,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: course },
      context: { instructor: ann, contextActivities: { parent: [{ id: course }], grouping: [{ id: course }] } },
    });
    const [onlyContext] = await post({
      actor: { mbox: 'mailto:someone@example.org' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
      object: { id: 'http://example.org/courses/other' },
      context: { instructor: ann, contextActivities: { parent: [{ id: course }] } },
    });
    expect(await query({ agent: JSON.stringify(ann), related_agents: 'true' })).toEqual([onlyContext, both]);
    expect(await query({ agent: JSON.stringify(ann) })).toEqual([both]);
    expect(await query({ activity: course, related_activities: 'true' })).toEqual([onlyContext, both]);
    expect(
      await query({ activity: course, related_activities: 'true', agent: JSON.stringify(ann), related_agents: 'true' }),
    ).toEqual([onlyContext, both]);
    expect(await query({ activity: course })).toEqual([both]);
  });

  it("a statement stored before its target, holding the target's actor broadly, is found once by a broad query", async () => {
    const target = randomUUID();
    const lee = { mbox: `mailto:lee-${randomUUID()}@example.org` };
    const [early] = await post({ ...ref(target), context: { instructor: lee } });
    await post({
      id: target,
      actor: lee,
      verb: { id: 'http://example.org/verbs/did' },
      object: { id: 'http://example.org/thing' },
    });
    expect(await query({ agent: JSON.stringify(lee), related_agents: 'true' })).toEqual([target, early]);
    expect(await query({ agent: JSON.stringify(lee) })).toEqual([target, early]);
  });

  it('a rebuild from the log equals the live read model', async () => {
    await post(
      Array.from({ length: 30 }, (_, i) => ({
        actor: { mbox: `mailto:w${i % 4}@example.org` },
        verb: { id: 'http://example.org/v' },
        object: { id: `http://example.org/a/${i % 3}` },
      })),
    );
    await waitForProjections(app.runtime);
    const snapshot = async (schema: string) => {
      const statements = await app.runtime.pool.query(
        `select seq, organisation_id, statement_id, stored, body, ref_target, is_voiding, voided, authority, attachments, index_keys
         from ${schema}.statements order by seq`,
      );
      const index = await app.runtime.pool.query(
        `select key_hash::text, seq from ${schema}.statement_index order by key_hash, seq`,
      );
      return { statements: statements.rows, index: index.rows };
    };
    const live = await snapshot('rm_xapi_statements');
    // Rebuild swaps the rebuilt copy in: compare it with what the live run had built.
    await rebuildProjection({
      pool: app.runtime.pool,
      store: app.runtime.store,
      projection: statementsProjection,
      batchSize: 7,
    });
    const rebuilt = await snapshot('rm_xapi_statements');
    expect(rebuilt.statements.length).toBeGreaterThan(30);
    expect(rebuilt).toEqual(live);
  });
});
