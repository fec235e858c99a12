import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { buildEvidenceStatement } from '../src/evidence/record-evidence/build-statement.js';
import { parseEvidence } from '../src/evidence/record-evidence/record-evidence.input.js';
import { api, createUser, indicatorsOfStage, ok, stageOf } from '../../../test/support/http-api.js';

/**
 * Issue 11, sections 2 and 3: a learning lead of one organisation (A) attacking another's (B) workers,
 * evidence and users with ids it can compute or guess. Each case failed before the rule was built.
 */
let app: TestApp;
let admin: string;
let leadA: string;
let leadB: string;
let workerOfB: string;
let sharedWorker: string;
let workerOfBToken: string;
let userOfB: string;
const PASSWORD = 'correct horse battery staple';

const org = (id: string) => ({
  id,
  name: id,
  sector: 'private',
  region: 'Fife',
  serviceType: 'care home for adults',
  sizeBand: 'small',
});

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  await ok(app, admin, 'POST', '/api/organisations', org('org-a'));
  await ok(app, admin, 'POST', '/api/organisations', org('org-b'));
  leadA = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
  workerOfB = (
    await ok(app, leadB, 'POST', '/api/workers', {
      name: 'Bea',
      identifiers: [{ mbox: 'mailto:bea@b.example.org' }],
      organisationId: 'org-b',
    })
  ).id;
  // A worker with two employers, set up by a platform admin: evidence of each stays its own.
  sharedWorker = (
    await ok(app, leadB, 'POST', '/api/workers', {
      name: 'Sam',
      identifiers: [{ mbox: 'mailto:sam@b.example.org' }],
      organisationId: 'org-b',
    })
  ).id;
  await ok(app, admin, 'POST', `/api/workers/${sharedWorker}/memberships`, { organisationId: 'org-a' });
  const created = await ok(app, leadB, 'POST', '/api/organisations/org-b/users', {
    email: 'bea@b.example.org',
    displayName: 'Bea',
    password: PASSWORD,
    roles: [{ kind: 'worker', workerId: workerOfB }],
  });
  userOfB = created.id;
  workerOfBToken = (
    await ok(app, undefined, 'POST', '/api/auth/sign-in', { email: 'bea@b.example.org', password: PASSWORD })
  ).token;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const organisationsOf = async (workerId: string) =>
  (
    (await ok(app, admin, 'GET', `/api/workers/${workerId}`)).organisations as {
      organisationId: string;
      to: string | null;
    }[]
  )
    .filter((m) => m.to === null)
    .map((m) => m.organisationId)
    .sort();

describe('joining another organisation’s worker', () => {
  it('a lead of A asking B’s worker to join A makes an invitation, never a membership', async () => {
    const asked = await api(app, leadA, 'POST', `/api/workers/${workerOfB}/memberships`, { organisationId: 'org-a' });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ id: workerOfB, invitation: { organisationId: 'org-a', status: 'pending' } });
    expect(await organisationsOf(workerOfB)).toEqual(['org-b']);
    expect((await api(app, leadA, 'GET', `/api/workers/${workerOfB}`)).status).toBe(403);
    expect((await api(app, leadA, 'GET', `/api/workers/${workerOfB}/timeline`)).status).toBe(403);
  });

  it('only the worker, signed in, (or a platform admin) accepts it; then they are a member', async () => {
    expect((await api(app, leadA, 'POST', `/api/workers/${workerOfB}/invitations/org-a/accept`)).status).toBe(403);
    expect((await api(app, leadB, 'POST', `/api/workers/${workerOfB}/invitations/org-a/accept`)).status).toBe(403);
    const invitations = await ok(app, workerOfBToken, 'GET', `/api/workers/${workerOfB}/invitations`);
    expect(invitations).toEqual([expect.objectContaining({ organisationId: 'org-a', status: 'pending' })]);
    await ok(app, workerOfBToken, 'POST', `/api/workers/${workerOfB}/invitations/org-a/accept`);
    expect(await organisationsOf(workerOfB)).toEqual(['org-a', 'org-b']);
    await ok(app, admin, 'POST', `/api/workers/${workerOfB}/memberships/end`, { organisationId: 'org-a' });
  });

  it('accepting without an invitation is a 404 and joins nothing', async () => {
    const accepted = await api(app, workerOfBToken, 'POST', `/api/workers/${workerOfB}/invitations/org-c/accept`);
    expect(accepted.status).toBe(404);
    expect(await organisationsOf(workerOfB)).toEqual(['org-b']);
  });

  it('registering B’s worker again in A (their identifier) is refused and joins nothing', async () => {
    const again = await api(app, leadA, 'POST', '/api/workers', {
      name: 'Mallory',
      identifiers: [{ mbox: 'mailto:bea@b.example.org' }],
      organisationId: 'org-a',
    });
    expect(again.status).toBe(409);
    expect(await organisationsOf(workerOfB)).toEqual(['org-b']);
  });

  it('a worker B knows only from its LRS cannot be registered into A, nor merged into A’s worker', async () => {
    const client = await ok(app, admin, 'POST', '/api/admin/lrs-clients', {
      name: 'LMS of B',
      organisationId: 'org-b',
      scopes: ['statements/write'],
    });
    const sent = await fetch(`${app.baseUrl}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`,
        'x-experience-api-version': '1.0.3',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        actor: { mbox: 'mailto:lms-only@b.example.org', name: 'Lee' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { id: 'http://b.example.org/courses/moving-and-handling' },
      }),
    });
    expect(sent.status).toBe(200);
    await expect
      .poll(
        async () =>
          (
            await api(
              app,
              admin,
              'GET',
              `/api/workers?agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:lms-only@b.example.org' }))}`,
            )
          ).body?.length,
      )
      .toBe(1);
    const leeId = (
      await ok(
        app,
        admin,
        'GET',
        `/api/workers?agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:lms-only@b.example.org' }))}`,
      )
    )[0].id;

    const registered = await api(app, leadA, 'POST', '/api/workers', {
      identifiers: [{ mbox: 'mailto:lms-only@b.example.org' }],
      organisationId: 'org-a',
    });
    expect(registered.status).toBe(409);
    const own = (
      await ok(app, leadA, 'POST', '/api/workers', {
        identifiers: [{ mbox: 'mailto:anna@a.example.org' }],
        organisationId: 'org-a',
      })
    ).id;
    const merged = await api(app, leadA, 'POST', `/api/workers/${own}/identifiers`, {
      identifier: { mbox: 'mailto:lms-only@b.example.org' },
    });
    expect(merged.status).toBe(409);
    expect(await organisationsOf(leeId)).toEqual(['org-b']);
    expect((await ok(app, admin, 'GET', `/api/workers/${own}`)).identifiers).toHaveLength(1);
  });
});

describe('evidence belongs to the organisation that recorded it', () => {
  it('a lead of A cannot withdraw evidence B recorded about a shared worker; B can', async () => {
    const indicatorId = indicatorsOfStage('pc.flexibility', 'engaged')[0]!;
    const recorded = await ok(app, leadB, 'POST', `/api/workers/${sharedWorker}/evidence`, {
      kind: 'assessment',
      indicatorId,
      evidenced: true,
      source: 'line-manager',
    });
    const withdrawn = await api(app, leadA, 'DELETE', `/api/workers/${sharedWorker}/evidence/${recorded.statementId}`);
    expect([403, 404]).toContain(withdrawn.status);
    expect(withdrawn.text).not.toContain(indicatorId);
    const timeline = await ok(app, admin, 'GET', `/api/workers/${sharedWorker}/timeline`);
    expect(
      timeline.entries.find((e: { statementId: string }) => e.statementId === recorded.statementId).withdrawnAt ?? null,
    ).toBeNull();
    await ok(app, leadB, 'DELETE', `/api/workers/${sharedWorker}/evidence/${recorded.statementId}`);
  });

  it('evidence a lead of A records about a shared worker is stored in A’s LRS, and B cannot withdraw it', async () => {
    const recorded = await ok(app, leadA, 'POST', `/api/workers/${sharedWorker}/evidence`, {
      kind: 'reflective-account',
      account: 'Team huddles at A',
    });
    const withdrawn = await api(app, leadB, 'DELETE', `/api/workers/${sharedWorker}/evidence/${recorded.statementId}`);
    expect([403, 404]).toContain(withdrawn.status);
    await ok(app, leadA, 'DELETE', `/api/workers/${sharedWorker}/evidence/${recorded.statementId}`);
  });

  it('a lead of A cannot record evidence about B’s worker', async () => {
    const recorded = await api(app, leadA, 'POST', `/api/workers/${workerOfB}/evidence`, {
      kind: 'reflective-account',
      account: 'forged',
    });
    expect(recorded.status).toBe(403);
  });
});

describe('user roles are granted and removed within the caller’s organisation only', () => {
  it('a lead of A cannot grant anything to B’s user (404, no data)', async () => {
    const granted = await api(app, leadA, 'POST', `/api/organisations/org-a/users/${userOfB}/roles`, {
      roles: [{ kind: 'line-manager', organisationId: 'org-a', workerIds: [sharedWorker] }],
    });
    expect(granted.status).toBe(404);
    expect(granted.text).not.toContain('bea@b.example.org');
  });

  it('a lead of A cannot strip B’s user of their worker role, even for a worker A shares', async () => {
    const stripped = await api(app, leadA, 'DELETE', `/api/organisations/org-a/users/${userOfB}/roles`, {
      roles: [{ kind: 'worker', workerId: workerOfB }],
    });
    expect([403, 404]).toContain(stripped.status);
    const user = await ok(app, admin, 'GET', `/api/admin/users/${userOfB}`);
    expect(user.roles).toContainEqual({ kind: 'worker', workerId: workerOfB });
  });

  it('a lead of A cannot give their own users a worker role for a worker known elsewhere', async () => {
    const mallory = await ok(app, leadA, 'POST', '/api/organisations/org-a/users', {
      email: 'mallory@a.example.org',
      displayName: 'Mallory',
      password: PASSWORD,
    });
    const granted = await api(app, leadA, 'POST', `/api/organisations/org-a/users/${mallory.id}/roles`, {
      roles: [{ kind: 'worker', workerId: sharedWorker }],
    });
    expect(granted.status).toBe(403);
    const team = await api(app, leadA, 'POST', `/api/organisations/org-a/users/${mallory.id}/roles`, {
      roles: [{ kind: 'line-manager', organisationId: 'org-a', workerIds: [workerOfB] }],
    });
    expect(team.status).toBe(403);
  });

  it('a lead of A still staffs A: registers its users and grants them roles over A’s own workers', async () => {
    const own = (
      await ok(app, leadA, 'POST', '/api/workers', {
        identifiers: [{ mbox: 'mailto:ali@a.example.org' }],
        organisationId: 'org-a',
      })
    ).id;
    const ali = await ok(app, leadA, 'POST', '/api/organisations/org-a/users', {
      email: 'ali@a.example.org',
      displayName: 'Ali',
      password: PASSWORD,
    });
    const granted = await ok(app, leadA, 'POST', `/api/organisations/org-a/users/${ali.id}/roles`, {
      roles: [{ kind: 'worker', workerId: own }],
    });
    expect(granted.roles).toContainEqual({ kind: 'worker', workerId: own });
  });
});

describe('evidence from an organisation the worker does not belong to is pending', () => {
  const sendAs = async (client: { key: string; secret: string }, statement: unknown) =>
    fetch(`${app.baseUrl}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`,
        'x-experience-api-version': '1.0.3',
        'content-type': 'application/json',
      },
      body: JSON.stringify(statement),
    });

  it("an assessment by A's LRS client about B's worker counts for nothing until accepted by the worker or a lead of theirs", async () => {
    const cat = (
      await ok(app, leadB, 'POST', '/api/workers', {
        name: 'Cat',
        identifiers: [{ mbox: 'mailto:cat@b.example.org' }],
        organisationId: 'org-b',
      })
    ).id;
    const clientOfA = await ok(app, admin, 'POST', '/api/admin/lrs-clients', {
      name: 'LMS of A',
      organisationId: 'org-a',
      scopes: ['statements/write'],
    });
    const engaged = indicatorsOfStage('pc.resilience', 'engaged');
    const statementIds: string[] = [];
    for (const indicatorId of engaged) {
      const input = parseEvidence(
        { kind: 'assessment', indicatorId, evidenced: true, source: 'line-manager' },
        new Date(),
      );
      const statement = buildEvidenceStatement(input, { mbox: 'mailto:cat@b.example.org' });
      statementIds.push(String(statement.id));
      expect((await sendAs(clientOfA, statement)).status).toBe(200);
    }
    const pending = async () =>
      (await ok(app, leadB, 'GET', `/api/workers/${cat}/pending-evidence`)) as {
        statementId: string;
        organisationId: string;
      }[];
    await expect.poll(async () => (await pending()).length, { timeout: 10_000 }).toBe(engaged.length);
    expect(stageOf(await ok(app, admin, 'GET', `/api/workers/${cat}/capabilities`), 'pc.resilience')).toBe(
      'not-yet-engaged',
    );
    expect((await pending()).every((p) => p.organisationId === 'org-a')).toBe(true);

    // Only the worker (or a lead of their organisation) accepts; A's lead cannot, nor withdraw B's view of it.
    expect(
      (await api(app, leadA, 'POST', `/api/workers/${cat}/pending-evidence/org-a/${statementIds[0]}/accept`)).status,
    ).toBe(403);
    for (const statementId of statementIds)
      await ok(app, leadB, 'POST', `/api/workers/${cat}/pending-evidence/org-a/${statementId}/accept`);
    await expect
      .poll(async () => stageOf(await ok(app, admin, 'GET', `/api/workers/${cat}/capabilities`), 'pc.resilience'), {
        timeout: 10_000,
      })
      .toBe('engaged');
    expect(await pending()).toEqual([]);
    expect(await organisationsOf(cat)).toEqual(['org-b']);
  });
});
