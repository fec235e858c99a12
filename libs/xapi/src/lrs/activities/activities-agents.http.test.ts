import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitForProjections, type TestApp } from '../../../../../test/support/app.js';
import { liveSchema, rebuildProjection } from '#libs/projections';
import { AGENTS_PROJECTION } from '../agents/agents.projection.js';
import { DOCUMENTS_PROJECTION } from '../documents/shared/documents.projection.js';
import { createClient, lrs, waitForActivitiesAndAgents, type Credentials } from '../documents/testing/lrs-http.js';
import { ACTIVITIES_PROJECTION } from './activities.projection.js';

// The Activities Resource (Communication 2.5) and Agents Resource (2.4), read from statements.

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

function statement(activity: object, actor: object = { mbox: `mailto:${randomUUID()}@example.com` }) {
  return {
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: activity,
  };
}

async function store(statements: object[], auth?: Credentials): Promise<void> {
  const response = await lrs(app, 'POST', '/xapi/statements', { body: statements, auth });
  expect(response.status, response.text).toBe(200);
}

describe('Activities Resource (Communication 2.5)', () => {
  it('returns an Activity Object even when the LRS has no definition (2.5.s2.b1)', async () => {
    const id = `http://example.com/activities/${randomUUID()}`;
    const response = await lrs(app, 'GET', '/xapi/activities', { query: { activityId: id } });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ objectType: 'Activity', id });
  });

  it('keeps the first definition, and merges later ones only from a client with scope define', async () => {
    const id = `http://example.com/activities/${randomUUID()}`;
    const writer = await createClient(app, ['statements/write', 'statements/read']);
    const definer = await createClient(app, ['statements/write', 'define']);
    await store(
      [
        statement({
          id,
          definition: { name: { 'en-GB': 'Supervision' }, type: 'http://adlnet.gov/expapi/activities/meeting' },
        }),
      ],
      writer,
    );
    await store([statement({ id, definition: { name: { 'en-GB': 'Ignored rename' } } })], writer);
    await waitForActivitiesAndAgents(app);
    let activity = (await lrs(app, 'GET', '/xapi/activities', { query: { activityId: id } })).json();
    expect(activity).toEqual({
      objectType: 'Activity',
      id,
      definition: { name: { 'en-GB': 'Supervision' }, type: 'http://adlnet.gov/expapi/activities/meeting' },
    });
    await store(
      [statement({ id, definition: { name: { 'cy-GB': 'Goruchwyliaeth' }, description: { 'en-GB': 'Monthly' } } })],
      definer,
    );
    await waitForActivitiesAndAgents(app);
    activity = (await lrs(app, 'GET', '/xapi/activities', { query: { activityId: id }, auth: writer })).json();
    expect(activity).toEqual({
      objectType: 'Activity',
      id,
      definition: {
        name: { 'en-GB': 'Supervision', 'cy-GB': 'Goruchwyliaeth' },
        description: { 'en-GB': 'Monthly' },
        type: 'http://adlnet.gov/expapi/activities/meeting',
      },
    });
  });

  it('the very next GET after the POST returns the complete Activity Object: every language from different statements, the latest other fields (2.5.s1, XAPI-00251, XAPI-00254)', async () => {
    for (let i = 0; i < 15; i++) {
      const id = `http://example.com/activities/${randomUUID()}`;
      const meeting = {
        id,
        objectType: 'Activity',
        definition: { name: { 'en-US': 'example meeting' }, type: 'http://adlnet.gov/expapi/activities/meeting' },
      };
      const french = {
        id,
        objectType: 'Activity',
        definition: { name: { 'fr-FR': 'réunion' }, description: { 'fr-FR': 'mensuelle' } },
      };
      // One batch, two statements, two languages; the bootstrap client has scope all, so it may define.
      await store([statement(meeting), statement(french)]);
      let activity = (await lrs(app, 'GET', '/xapi/activities', { query: { activityId: id } })).json();
      expect(activity, `iteration ${i}`).toEqual({
        objectType: 'Activity',
        id,
        definition: {
          name: { 'en-US': 'example meeting', 'fr-FR': 'réunion' },
          description: { 'fr-FR': 'mensuelle' },
          type: 'http://adlnet.gov/expapi/activities/meeting',
        },
      });
      await store([
        statement({
          id,
          definition: { type: 'http://adlnet.gov/expapi/activities/course', name: { 'en-US': 'example course' } },
        }),
      ]);
      activity = (await lrs(app, 'GET', '/xapi/activities', { query: { activityId: id } })).json();
      expect(activity, `iteration ${i}`).toMatchObject({
        definition: {
          name: { 'en-US': 'example course', 'fr-FR': 'réunion' },
          type: 'http://adlnet.gov/expapi/activities/course',
        },
      });
    }
  });

  it('an Activity defined inside a SubStatement is known to the very next GET (Data 2.4.4.1: one id, one Activity wherever it appears)', async () => {
    const id = `http://example.com/activities/${randomUUID()}`;
    const sub = { objectType: 'SubStatement', ...statement({ id, definition: { name: { en: 'Planned visit' } } }) };
    await store([statement(sub)]);
    expect((await lrs(app, 'GET', '/xapi/activities', { query: { activityId: id } })).json()).toEqual({
      objectType: 'Activity',
      id,
      definition: { name: { en: 'Planned visit' } },
    });
  });

  it('definitions from context activities count; another organisation does not see them', async () => {
    const parent = `http://example.com/courses/${randomUUID()}`;
    await store([
      {
        ...statement({ id: `http://example.com/activities/${randomUUID()}` }),
        context: { contextActivities: { parent: [{ id: parent, definition: { name: { en: 'Course' } } }] } },
      },
    ]);
    await waitForActivitiesAndAgents(app);
    expect((await lrs(app, 'GET', '/xapi/activities', { query: { activityId: parent } })).json()).toMatchObject({
      definition: { name: { en: 'Course' } },
    });
    const other = await createClient(app, ['all'], 'elsewhere');
    expect((await lrs(app, 'GET', '/xapi/activities', { query: { activityId: parent }, auth: other })).json()).toEqual({
      objectType: 'Activity',
      id: parent,
    });
  });

  it('400 naming activityId when it is missing or not an IRI, or when another parameter is sent', async () => {
    expect((await lrs(app, 'GET', '/xapi/activities')).message).toMatch(/^activityId parameter: required/);
    expect((await lrs(app, 'GET', '/xapi/activities', { query: { activityId: 'nope' } })).message).toMatch(
      /^activityId parameter: must be an IRI/,
    );
    const extra = await lrs(app, 'GET', '/xapi/activities', { query: { activityId: 'http://x.y', agent: '{}' } });
    expect(extra.status).toBe(400);
    expect(extra.message).toMatch(/^agent parameter: not allowed in the Activities Resource/);
  });
});

describe('Agents Resource (Communication 2.4)', () => {
  it('returns a Person Object with the identifier and the names statements used for it', async () => {
    const mbox = `mailto:${randomUUID()}@example.com`;
    await store([statement({ id: 'http://example.com/a' }, { mbox, name: 'Mary Brown' })]);
    await store([statement({ id: 'http://example.com/b' }, { mbox, name: 'Mary B.' })]);
    await waitForActivitiesAndAgents(app);
    const response = await lrs(app, 'GET', '/xapi/agents', { query: { agent: { objectType: 'Agent', mbox } } });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ objectType: 'Person', name: ['Mary Brown', 'Mary B.'], mbox: [mbox] });
  });

  it('the very next GET after the POST carries the names the statements used (read-your-writes)', async () => {
    for (let i = 0; i < 15; i++) {
      const mbox = `mailto:${randomUUID()}@example.com`;
      await store([statement({ id: 'http://example.com/a' }, { mbox, name: `Worker ${i}` })]);
      const response = await lrs(app, 'GET', '/xapi/agents', { query: { agent: { mbox } } });
      expect(response.json(), `iteration ${i}`).toEqual({ objectType: 'Person', name: [`Worker ${i}`], mbox: [mbox] });
    }
  });

  it('returns a Person Object for an Agent the LRS has never seen (2.4.s3.b3)', async () => {
    const account = { homePage: 'http://lms.example.com', name: randomUUID() };
    const response = await lrs(app, 'GET', '/xapi/agents', { query: { agent: { account, name: 'New' } } });
    expect(response.json()).toEqual({ objectType: 'Person', name: ['New'], account: [account] });
  });

  it('400 for a Group or an invalid Agent, naming the parameter', async () => {
    const group = await lrs(app, 'GET', '/xapi/agents', {
      query: { agent: { objectType: 'Group', mbox: 'mailto:g@example.com' } },
    });
    expect(group.status).toBe(400);
    expect(group.message).toMatch(/^agent parameter: agent\.objectType/);
    expect((await lrs(app, 'GET', '/xapi/agents')).message).toMatch(/^agent parameter: required/);
  });
});

describe('rebuild from the log', () => {
  it('rebuilding xapi-activities, xapi-agents and xapi-documents gives the live tables', async () => {
    await lrs(app, 'PUT', '/xapi/activities/state', {
      query: { activityId: 'http://example.com/rebuild', agent: { mbox: 'mailto:r@example.com' }, stateId: 's' },
      body: { a: 1 },
    });
    const tables: Record<string, string[]> = {
      [ACTIVITIES_PROJECTION]: ['activities', 'clients'],
      [AGENTS_PROJECTION]: ['agent_names'],
      [DOCUMENTS_PROJECTION]: ['documents'],
    };
    // The documents projection applies the PUT after its 204, so wait for all three, not only two.
    const rebuilt = app.runtime.projections.filter((p) => p.name in tables);
    await waitForProjections({ ...app.runtime, projections: rebuilt });
    for (const [name, names] of Object.entries(tables)) {
      const projection = app.runtime.projections.find((p) => p.name === name)!;
      const live = await Promise.all(names.map((table) => contents(`${liveSchema(name)}.${table}`)));
      expect(live.some((rows) => rows.length > 0)).toBe(true);
      await rebuildProjection({ pool: app.runtime.pool, store: app.runtime.store, projection });
      const rebuilt = await Promise.all(names.map((table) => contents(`${liveSchema(name)}.${table}`)));
      expect(rebuilt).toEqual(live);
    }
  });
});

async function contents(table: string): Promise<string[]> {
  const { rows } = await app.runtime.pool.query(`select to_jsonb(t)::text as row from ${table} t`);
  return rows.map((r: { row: string }) => r.row).sort();
}
