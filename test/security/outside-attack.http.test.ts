import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allAuditQuestions, organisationalCapabilities } from '#libs/framework';
import { api, createUser, ok } from '../support/http-api.js';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { registerOrganisation } from '../support/organisations.js';
import { writesSnapshot } from '../support/writes.js';

/**
 * Defects an outside attack on landed main found after issue 11's fixes, each shown through HTTP as an
 * outsider would meet it: a learning lead, a line manager, a worker and an LRS client of one
 * organisation, with plain fetch.
 */
let app: TestApp;
let lead: string;
let lrs: string;
let workerId: string;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  app = await startTestApp();
  await registerOrganisation(app, 'org-a');
  lead = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  workerId = (
    await ok(app, lead, 'POST', '/api/workers', {
      name: 'Ann',
      identifiers: [{ mbox: 'mailto:ann@a.example.org' }],
      organisationId: 'org-a',
    })
  ).id;
  const client = await ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
    name: 'LMS of A',
    organisationId: 'org-a',
    scopes: ['all'],
  });
  lrs = `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const postStatements = (body: unknown) =>
  fetch(`${app.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: { authorization: lrs, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A CLF reflective account about Ann, as the evidence route writes one: the evidence reactor records it. */
const reflection = (timestamp: string) => ({
  actor: { objectType: 'Agent', mbox: 'mailto:ann@a.example.org' },
  verb: { id: 'https://w3id.org/xapi/clf/verbs/reflected', display: { en: 'reflected' } },
  object: {
    objectType: 'Activity',
    id: `urn:uuid:${randomUUID()}`,
    definition: { type: 'https://w3id.org/xapi/clf/activity-types/reflective-account' },
  },
  context: { contextActivities: { category: [{ id: 'https://w3id.org/xapi/clf/v1.1' }] } },
  result: { response: 'A reflective account' },
  timestamp,
});

describe('dates PostgreSQL cannot store (a read model applying one stops for every organisation)', () => {
  // JavaScript's Date takes year 0000 and offsets past 9999-12-31; PostgreSQL refuses both. Before the
  // fix each was accepted and appended, and the workforce or audit projection then failed on that event
  // for good: no organisation's later workers, evidence or audits reached the read models.
  const years = ['0000-01-01', '0000-06-01T00:00:00+01:00', '9999-12-31T23:59:59-14:00', '0001-01-01T00:00:00+01:00'];

  it('refuses them in audit dates and evidence times with a 400 naming the field, writing nothing', async () => {
    for (const value of years) {
      const before = await writesSnapshot(app.runtime.pool);
      const evidence = await api(app, lead, 'POST', `/api/workers/${workerId}/evidence`, {
        kind: 'reflective-account',
        account: 'x',
        occurredAt: value,
      });
      expect(evidence.status, `occurredAt ${value}: ${evidence.text}`).toBe(400);
      expect(evidence.body.detail).toContain('occurredAt');
      if (!value.includes('T')) {
        const audit = await api(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: value });
        expect(audit.status, `startedOn ${value}: ${audit.text}`).toBe(400);
        expect(audit.body.detail).toContain('startedOn');
        const status = await api(app, lead, 'GET', `/api/organisations/org-a/audit-status?asOf=${value}`);
        expect(status.status, `asOf ${value}: ${status.text}`).toBe(400);
      }
      expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
    }
  });

  it('refuses them as xAPI statement timestamps (400), so the evidence reactor never meets one', async () => {
    for (const value of years.filter((v) => v.includes('T')).concat('0000-01-01T00:00:00Z')) {
      const before = await writesSnapshot(app.runtime.pool);
      const response = await postStatements([reflection(value)]);
      expect(response.status, `timestamp ${value}: ${await response.text()}`).toBe(400);
      expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
    }
    // Years 0001-0099 are those years (Date.UTC would read them as 1901-1999).
    const early = await postStatements([reflection('0050-06-01T00:00:00Z')]);
    expect(early.status).toBe(200);
  });

  it('keeps every read model moving: evidence and a cycle recorded afterwards are read back', async () => {
    await ok(app, lead, 'POST', `/api/workers/${workerId}/evidence`, {
      kind: 'reflective-account',
      account: 'after the attack',
      occurredAt: '2025-05-01',
    });
    const auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-01-01' })).id;
    await waitForProjections(app.runtime);
    const timeline = await ok(app, lead, 'GET', `/api/workers/${workerId}/timeline`);
    expect(JSON.stringify(timeline)).toContain('after the attack');
    expect(
      (await ok(app, lead, 'GET', '/api/organisations/org-a/audits')).audits.map((c: { id: string }) => c.id),
    ).toContain(auditId);
    // One open cycle per organisation: the later tests open their own.
    await ok(app, lead, 'POST', `/api/organisations/org-a/audits/${auditId}/complete`, { completedOn: '2025-01-02' });
  });
});

describe('ended and started again on the same day', () => {
  // The read models keyed memberships and role assignments by their start date and ignored a second
  // start on one day: the write side held the worker a member (a 409 on joining again) while the
  // read model, which every access rule reads, had them gone, so their own lead was locked out for good.
  it('a worker who leaves and rejoins an organisation on one day is its member again, readable by its lead', async () => {
    const id = (
      await ok(app, lead, 'POST', '/api/workers', {
        name: 'Ben',
        identifiers: [{ mbox: 'mailto:ben@a.example.org' }],
        organisationId: 'org-a',
      })
    ).id;
    await ok(app, lead, 'POST', `/api/workers/${id}/memberships/end`, { organisationId: 'org-a' });
    await ok(app, lead, 'POST', `/api/workers/${id}/memberships`, { organisationId: 'org-a' });
    const read = await api(app, lead, 'GET', `/api/workers/${id}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.organisations).toEqual([expect.objectContaining({ organisationId: 'org-a', to: null })]);
    expect(
      (await api(app, lead, 'POST', `/api/workers/${id}/evidence`, { kind: 'reflective-account', account: 'back' }))
        .status,
    ).toBe(201);
  });

  it('a role ended and assigned again on one day is held again (worker record and role gap)', async () => {
    await ok(app, lead, 'POST', '/api/roles', {
      id: 'org-a-carer',
      organisationId: 'org-a',
      name: 'Carer',
      requirements: [{ capabilityId: 'pc.flexibility', stage: 'engaged' }],
    });
    await ok(app, lead, 'POST', `/api/workers/${workerId}/roles`, { roleId: 'org-a-carer' });
    await ok(app, lead, 'POST', `/api/workers/${workerId}/roles/org-a-carer/end`, {});
    await ok(app, lead, 'POST', `/api/workers/${workerId}/roles`, { roleId: 'org-a-carer' });
    const worker = await ok(app, lead, 'GET', `/api/workers/${workerId}`);
    expect(worker.roles).toEqual([expect.objectContaining({ roleId: 'org-a-carer', to: null })]);
    const gap = await api(app, lead, 'GET', `/api/workers/${workerId}/role-gap`);
    expect(gap.status, gap.text).toBe(200);
  });
});

describe('staff survey anonymity per indicator', () => {
  // Suppression looked at the cycle's respondents only: with five respondents of whom one alone
  // answered an indicator, that indicator showed answered 1 and whether they agreed (strongly disagreed here).
  it('shows no counts for an indicator fewer than five answered, and it evidences nothing', async () => {
    const indicators = organisationalCapabilities[0]!.stages[0]!.workerIndicators.map((i) => i.id);
    const [common, lonely] = indicators as [string, string];
    const auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-03-01' })).id;
    const path = `/api/organisations/org-a/audits/${auditId}/survey-responses`;
    for (let i = 0; i < 5; i++) {
      const email = `staff${i}@a.example.org`;
      const id = (
        await ok(app, lead, 'POST', '/api/workers', {
          name: `Staff ${i}`,
          identifiers: [{ mbox: `mailto:${email}` }],
          organisationId: 'org-a',
        })
      ).id;
      await ok(app, lead, 'POST', '/api/organisations/org-a/users', {
        email,
        displayName: `Staff ${i}`,
        password: PASSWORD,
        roles: [{ kind: 'worker', workerId: id }],
      });
      const token = (await ok(app, undefined, 'POST', '/api/auth/sign-in', { email, password: PASSWORD })).token;
      const answers = [
        { indicatorId: common, agreement: 4 },
        ...(i === 4 ? [{ indicatorId: lonely, agreement: 1 }] : []),
      ];
      expect((await api(app, token, 'POST', path, { answers })).status).toBe(204);
    }
    // An answer waits at most 5 s for the read model; on a busy machine the last one may not be in yet.
    await waitForProjections(app.runtime);
    const cycle = await ok(app, lead, 'GET', `/api/organisations/org-a/audits/${auditId}`);
    expect(cycle.survey.respondents).toBe(5);
    expect(cycle.survey.indicators.map((i: { indicatorId: string }) => i.indicatorId)).toEqual([common]);
    expect(JSON.stringify(cycle.survey)).not.toContain(lonely);
    await ok(app, lead, 'POST', `/api/organisations/org-a/audits/${auditId}/complete`, { completedOn: '2025-03-02' });
  });
});

describe('withdrawing evidence twice', () => {
  // Each DELETE voided the statement again: a retried request or a double click stored one more
  // voiding statement in the organisation's LRS every time.
  it('is a 409 the second time, with one voiding statement in the LRS', async () => {
    const { statementId } = await ok(app, lead, 'POST', `/api/workers/${workerId}/evidence`, {
      kind: 'reflective-account',
      account: 'withdrawn twice',
    });
    await ok(app, lead, 'DELETE', `/api/workers/${workerId}/evidence/${statementId}`);
    const again = await api(app, lead, 'DELETE', `/api/workers/${workerId}/evidence/${statementId}`);
    expect(again.status, again.text).toBe(409);
    expect(again.body.detail).toContain('statementId');
    const voided = await fetch(
      `${app.baseUrl}/xapi/statements?verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/voided')}&limit=100`,
      {
        headers: { authorization: lrs, 'x-experience-api-version': '1.0.3' },
      },
    );
    const { statements } = (await voided.json()) as { statements: { object: { id: string } }[] };
    expect(statements.filter((s) => s.object.id === statementId)).toHaveLength(1);
  });
});

describe('forged more tokens with times PostgreSQL refuses', () => {
  // The token's since/until were checked by pattern and Date.parse only: year 0000 and 30 February
  // (which Date.parse rolls over to 2 March) reached SQL and were a 500.
  it('answers a 400 naming the more parameter', async () => {
    const token = (times: object) =>
      Buffer.from(JSON.stringify({ k: [], a: 0, l: 1, f: 'exact', t: 0, x: 0, b: 1_000_000, ...times })).toString(
        'base64url',
      );
    for (const times of [
      { s: '0000-01-01T00:00:00.000Z' },
      { u: '0000-01-01T00:00:00.000Z' },
      { s: '2025-02-30T00:00:00.000Z' },
    ]) {
      const response = await fetch(`${app.baseUrl}/xapi/statements?more=${token(times)}`, {
        headers: { authorization: lrs, 'x-experience-api-version': '1.0.3' },
      });
      expect(response.status, `${JSON.stringify(times)}: ${await response.clone().text()}`).toBe(400);
      expect(await response.text()).toContain('more parameter');
    }
  });
});

describe('forged timeline cursors with times PostgreSQL refuses', () => {
  // Checked by pattern and Date.parse only: year 0000 and 30 February reached SQL and were a 500.
  it('answers a 400 naming after', async () => {
    for (const at of ['0000-01-01T00:00:00.000000Z', '2025-02-30T00:00:00.000000Z']) {
      const after = Buffer.from(JSON.stringify([at, 'x'])).toString('base64url');
      const answer = await api(app, lead, 'GET', `/api/workers/${workerId}/timeline?after=${after}`);
      expect(answer.status, `${at}: ${answer.text}`).toBe(400);
      expect(answer.body.field).toBe('after');
    }
  });
});

describe('parallel answers to one audit cycle', () => {
  // Answers to different questions commute, but each command was retried only three times on a
  // concurrent write: of twelve sent at once, about three were a 409 "changed by others".
  it('stores twelve answers to different questions sent at once', async () => {
    const auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-06-01' })).id;
    const questions = allAuditQuestions.slice(0, 12).map((q) => q.id);
    const answers = await Promise.all(
      questions.map((q) =>
        api(app, lead, 'PUT', `/api/organisations/org-a/audits/${auditId}/answers/${q}`, {
          response: `answer to ${q}`,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(questions.map(() => 204));
    expect((await ok(app, lead, 'GET', `/api/organisations/org-a/audits/${auditId}`)).answers).toHaveLength(12);
  });
});
