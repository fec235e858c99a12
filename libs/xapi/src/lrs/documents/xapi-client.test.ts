import { randomUUID } from 'node:crypto';
import XAPIModule from '@xapi/xapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import { waitForActivitiesAndAgents } from './testing/lrs-http.js';

// The document, Activities and Agents resources through the real @xapi/xapi client over HTTP.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const XAPI = ((XAPIModule as any).default ?? XAPIModule) as any;

let app: TestApp;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let xapi: any;

beforeAll(async () => {
  app = await startTestApp();
  xapi = new XAPI({ endpoint: `${app.baseUrl}/xapi/`, auth: XAPI.toBasicAuth(app.lrsKey, app.lrsSecret) });
});

afterAll(async () => {
  await app?.close();
});

const agent = () => ({ objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.com` });
const activityId = () => `http://example.com/activities/${randomUUID()}`;

describe('@xapi/xapi against the document resources', () => {
  it('state: setState, getState, getStates, deleteState, deleteStates', async () => {
    const params = { agent: agent(), activityId: activityId() };
    const registration = randomUUID();
    await xapi.setState({ ...params, stateId: 'bookmark', state: { page: 3 } });
    await xapi.setState({ ...params, stateId: 'progress', registration, state: { done: 0.5 } });
    expect((await xapi.getState({ ...params, stateId: 'bookmark' })).data).toEqual({ page: 3 });
    expect((await xapi.getStates(params)).data).toEqual(['bookmark', 'progress']);
    expect((await xapi.getStates({ ...params, registration })).data).toEqual(['progress']);
    await xapi.deleteState({ ...params, stateId: 'bookmark' });
    expect((await xapi.getStates(params)).data).toEqual(['progress']);
    await xapi.deleteStates(params);
    expect((await xapi.getStates(params)).data).toEqual([]);
  });

  it('activity profile: create (POST), set with If-Match, get, list, delete', async () => {
    const id = activityId();
    await xapi.createActivityProfile({ activityId: id, profileId: 'settings', profile: { theme: 'dark' } });
    const first = await xapi.getActivityProfile({ activityId: id, profileId: 'settings' });
    expect(first.data).toEqual({ theme: 'dark' });
    await xapi.setActivityProfile({
      activityId: id,
      profileId: 'settings',
      profile: { theme: 'light' },
      etag: first.headers.etag,
      matchHeader: 'If-Match',
    });
    expect((await xapi.getActivityProfile({ activityId: id, profileId: 'settings' })).data).toEqual({ theme: 'light' });
    expect((await xapi.getActivityProfiles({ activityId: id })).data).toEqual(['settings']);
    await expect(
      xapi.setActivityProfile({
        activityId: id,
        profileId: 'settings',
        profile: { theme: 'x' },
        etag: first.headers.etag,
        matchHeader: 'If-Match',
      }),
    ).rejects.toMatchObject({ response: { status: 412 } });
    await xapi.deleteActivityProfile({ activityId: id, profileId: 'settings' });
    expect((await xapi.getActivityProfiles({ activityId: id })).data).toEqual([]);
  });

  it('agent profile: set with If-None-Match, create (merge), get, list, delete', async () => {
    const who = agent();
    await xapi.setAgentProfile({
      agent: who,
      profileId: 'prefs',
      profile: { lang: 'en' },
      etag: '*',
      matchHeader: 'If-None-Match',
    });
    await xapi.createAgentProfile({ agent: who, profileId: 'prefs', profile: { font: 'large' } });
    expect((await xapi.getAgentProfile({ agent: who, profileId: 'prefs' })).data).toEqual({
      lang: 'en',
      font: 'large',
    });
    expect((await xapi.getAgentProfiles({ agent: who })).data).toEqual(['prefs']);
    await xapi.deleteAgentProfile({ agent: who, profileId: 'prefs' });
    await expect(xapi.getAgentProfile({ agent: who, profileId: 'prefs' })).rejects.toMatchObject({
      response: { status: 404 },
    });
  });

  it('getActivity and getAgent', async () => {
    const id = activityId();
    const who = { ...agent(), name: 'Sunita' };
    await xapi.sendStatement({
      statement: {
        actor: who,
        verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
        object: { id, definition: { name: { 'en-GB': 'Induction' } } },
      },
    });
    await waitForActivitiesAndAgents(app);
    expect((await xapi.getActivity({ activityId: id })).data).toEqual({
      objectType: 'Activity',
      id,
      definition: { name: { 'en-GB': 'Induction' } },
    });
    expect((await xapi.getAgent({ agent: { mbox: who.mbox } })).data).toEqual({
      objectType: 'Person',
      name: ['Sunita'],
      mbox: [who.mbox],
    });
  });
});
